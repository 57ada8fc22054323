// What a citizen's mail on an existing ticket does to it (ingestion calls this for human mail that threads in).
// - waiting for the citizen (a paused clock, or "Chờ công dân" without a clock): the answer resumes it;
// - resolved or closed within REOPEN_WINDOW_DAYS of that: the ticket reopens (its clock stays stopped, as a
//   staff reopen leaves it: the resolution and any breach stay on record);
// - resolved or closed longer ago: the mail opens a new ticket linked to the old one (follow_up_of), decided
//   before the mail is stored (answerOpensNewTicket), so an old case is not silently revived.
// The sending agency's read-only copy of a referred ticket, and history, are never changed.
import type { Db } from '../../db/index.js';
import type { TicketAttrs } from '../../db/models/hotline.js';
import { audit } from '../audit/index.js';
import { getClock, resumeClock } from '../sla/index.js';
import { FINISHED_STATUSES } from './list.js';

export const DEFAULT_REOPEN_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;
/** Finished (FINISHED_STATUSES) but not archived: an answer to an archived case neither reopens it nor opens a new one. */
const DONE = FINISHED_STATUSES.filter((s) => s !== 'archived');

export type CitizenAnswerEffect = 'resumed' | 'reopened' | null;

/** When the ticket was resolved or closed: the last status change (which brought it there), else its clock's
 *  resolution, else its receipt. */
async function doneAt(db: Db, ticket: TicketAttrs): Promise<Date> {
  const last = await db.models.TicketEvent.findOne({ where: { ticket_id: ticket.id, kind: 'status' }, order: [['at', 'DESC'], ['id', 'DESC']] });
  return last?.at ?? (await getClock(db, ticket.id))?.resolved_at ?? ticket.received_at;
}

/** True when the ticket was resolved or closed longer than the window before `at`: the answer is a new case. */
export async function answerOpensNewTicket(db: Db, ticket: TicketAttrs, at: Date, windowDays: number): Promise<boolean> {
  if (!DONE.includes(ticket.status)) return false;
  if ((await getClock(db, ticket.id))?.read_only) return false;
  return at.getTime() - (await doneAt(db, ticket)).getTime() > windowDays * DAY_MS;
}

/** Inside ingestion's transaction, after the mail's row and 'inbound' event. `from` is the citizen's address. */
export async function onCitizenAnswer(db: Db, ticketId: number, input: { at: Date; from: string }): Promise<CitizenAnswerEffect> {
  const row = await db.models.Ticket.findByPk(ticketId);
  if (!row) return null;
  const ticket = row.get({ plain: true }) as TicketAttrs;
  const clock = await getClock(db, ticketId);
  if (clock?.read_only) return null;
  if (clock?.paused_at && clock.pause_reason === 'waiting_citizen') {
    const resumed = await resumeClock(db, ticketId, { at: input.at, actor: input.from });
    await audit(db, { actor: 'system', action: 'ticket.resume', target: ticket.ref,
      details: { reason: 'waiting_citizen', via: 'citizen_answer', resolutionDue: resumed.resolution_due } });
    return 'resumed';
  }
  if (ticket.status !== 'pending' && !DONE.includes(ticket.status)) return null;
  const kind = ticket.status === 'pending' ? 'status' : 'reopened';
  await db.models.Ticket.update({ status: 'open' }, { where: { id: ticketId } });
  await db.models.TicketEvent.create({ ticket_id: ticketId, kind, message_id: null, at: input.at,
    details: JSON.stringify({ by: input.from, from: ticket.status, to: 'open', via: 'citizen_answer' }) });
  await audit(db, { actor: 'system', action: kind === 'status' ? 'ticket.status' : 'ticket.reopen', target: ticket.ref,
    details: { from: ticket.status, to: 'open', via: 'citizen_answer' } });
  return kind === 'status' ? 'resumed' : 'reopened';
}
