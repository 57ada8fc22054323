// Internal notes and assignment. Notes are never sent and never shown to the citizen (the lookup page reads
// only 'reply' events). An assignee must be an active agent or supervisor of the ticket's own agency, so a
// ticket cannot be handed to someone who cannot even open it.
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import { audit } from '../audit/index.js';
import { assignDetails, currentAssignees } from './assignee.js';
import { clockAssignee } from './sla-hooks.js';
import { TicketInputError } from './errors.js';
import { findWritableTicket, openForChange, type Actor } from './scope.js';
import type { Seen } from './staleness.js';

export const NOTE_MAX_CHARS = 10_000;

export async function addNote(db: Db, input: { ticketRef: string; actor: Actor; text: string; now?: Date; seen?: Seen; formKey?: string | null }): Promise<number> {
  const text = input.text.normalize('NFC').trim();
  if (!text) throw new TicketInputError('note', 'empty');
  if (text.length > NOTE_MAX_CHARS) throw new TicketInputError('note', 'too_long');
  return inTransaction(db.sequelize, async () => {
    const { ticket, once } = await openForChange(db, input.ticketRef, input.actor, input.seen, { action: 'note', key: input.formKey, field: 'note', content: text });
    const event = await db.models.TicketEvent.create({ ticket_id: ticket.id, kind: 'note', message_id: null, at: input.now ?? new Date(),
      details: JSON.stringify({ by: input.actor.username, text }) });
    await audit(db, { actor: input.actor.username, action: 'ticket.note', target: ticket.ref, details: { eventId: event.id } });
    await once.done(event.id);
    return event.id;
  });
}

/** assigneeId null = unassign. Returns false when the ticket already had that assignee. */
export async function assignTicket(db: Db, input: { ticketRef: string; actor: Actor; assigneeId: number | null; now?: Date; seen?: Seen }): Promise<boolean> {
  return inTransaction(db.sequelize, async () => {
    const ticket = await findWritableTicket(db, input.ticketRef, input.actor, input.seen);
    if (input.assigneeId !== null) {
      const user = await db.models.User.findOne({ where: { id: input.assigneeId, agency_id: ticket.agency_id, active: true, role: ['agent', 'supervisor'] } });
      if (!user) throw new TicketInputError('assignee', 'not_in_agency');
    }
    const current = (await currentAssignees(db, [ticket.id])).get(ticket.id) ?? null;
    if (current === input.assigneeId) return false;
    await db.models.TicketEvent.create({ ticket_id: ticket.id, kind: 'assign', message_id: null, at: input.now ?? new Date(),
      details: assignDetails(input.assigneeId, input.actor.username) });
    await clockAssignee(db, ticket.id, input.assigneeId);
    await audit(db, { actor: input.actor.username, action: 'ticket.assign', target: ticket.ref, details: { from: current, to: input.assigneeId } });
    return true;
  });
}
