// Reclassifying a ticket: its legal class, its field (lĩnh vực) or its priority. The clock moves onto the new
// policy from the same start (services/sla/reclassify.ts); the 'reclassified' event keeps old → new, deadline
// included, so the change is shown on the timeline. The class decides which law's clock runs (a complaint's 30
// days against a feedback's 15), so changing it is a supervisor's or admin's decision; field and priority are
// the agent's triage.
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import { audit } from '../audit/index.js';
import { FEEDBACK_CATEGORIES, TICKET_CLASSES } from '../org/index.js';
import { ClockError, getClock, reclassifyClock } from '../sla/index.js';
import { TRIAGE_PRIORITIES } from '../triage/index.js';
import { TicketForbiddenError, TicketInputError } from './errors.js';
import { canExtend } from './extensions.js';
import { findWritableTicket, type Actor } from './scope.js';
import type { Seen } from './staleness.js';

export const canChangeClass = canExtend;

/** `class` or `priority` left out keeps the ticket's own (the queue's bulk category change), read under the row's lock. */
export interface ReclassifyInput { ticketRef: string; actor: Actor; class?: string; category: string; priority?: string; now?: Date; seen?: Seen }

/** False when nothing changed. */
export async function reclassifyTicket(db: Db, input: ReclassifyInput): Promise<boolean> {
  const category = input.category === '' ? null : input.category;
  return inTransaction(db.sequelize, async () => {
    const ticket = await findWritableTicket(db, input.ticketRef, input.actor, input.seen); // 404 and 403 before any input error
    const cls = input.class ?? ticket.class;
    const priority = input.priority ?? ticket.priority;
    if (!TICKET_CLASSES.some((c) => c.code === cls)) throw new TicketInputError('reclassify', 'bad_class');
    if (category !== null && !FEEDBACK_CATEGORIES.some((c) => c.code === category)) throw new TicketInputError('reclassify', 'bad_category');
    if (!(TRIAGE_PRIORITIES as readonly string[]).includes(priority)) throw new TicketInputError('reclassify', 'bad_priority');
    const from = { class: ticket.class, category: ticket.category, priority: ticket.priority, due: ticket.due_at };
    if (from.class === cls && from.category === category && from.priority === priority) return false;
    if (from.class !== cls && !canChangeClass(input.actor)) throw new TicketForbiddenError(`role ${input.actor.role} may not change the class`);
    let due = ticket.due_at;
    if (await getClock(db, ticket.id)) {
      try {
        due = (await reclassifyClock(db, ticket.id, ticket.agency_id, { class: cls, priority })).resolution_due;
      } catch (e) {
        if (e instanceof ClockError) throw new TicketInputError('reclassify', e.code);
        throw e;
      }
    }
    await db.models.Ticket.update({ class: cls, category, priority }, { where: { id: ticket.id } });
    const to = { class: cls, category, priority, due };
    await db.models.TicketEvent.create({ ticket_id: ticket.id, kind: 'reclassified', message_id: null, at: input.now ?? new Date(),
      details: JSON.stringify({ by: input.actor.username, from, to }) });
    await audit(db, { actor: input.actor.username, action: 'ticket.reclassify', target: ticket.ref, details: { from, to } });
    return true;
  });
}
