// Gộp hồ sơ: two tickets of one citizen's case become one (supervisors and admins). The rule:
// - the EARLIER ticket (received first; on a tie the lower id) is kept, with its ref and its legal clock, because
//   the law counts from the first receipt; the later one is closed as merged ("merged_into", linked both ways);
// - the later ticket's citizen mails, replies (their events and their outbox rows, so the exact sent bytes and the
//   case export follow them) and notes move to the kept one, so the thread is whole; its own lifecycle events
//   (opened, clock, pauses) and its receipt stay on it as its history;
// - the citizen is told nothing new: no receipt, no notice. A receipt of the later ticket still waiting in the
//   outbox is held (never sent), so one case means one receipt; an answer to the later ticket's mail threads into
//   the kept one (ingestion follows merged_into);
// - both must be open (not resolved, closed or merged), in the actor's scope (another agency's ref is "not found",
//   so a merge across agencies needs a scope covering both), and neither the read-only copy of a referral; the
//   later one must not carry a lasting link (referred from, follow-up of, same mail), which the merge would overwrite;
// - one 'merged_from' and one 'merged_into' event with the reason, and an audit row.
import { Op, Transaction } from 'sequelize';
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import type { TicketAttrs } from '../../db/models/hotline.js';
import { audit } from '../audit/index.js';
import { TicketForbiddenError, TicketInputError, TicketNotFoundError } from './errors.js';
import { canExtend } from './extensions.js';
import { findScopedTicket, findWritableTicket, lockScopedTicket, scopeOf, type Actor } from './scope.js';
import type { Seen } from './staleness.js';
import { isReadOnlyCopy } from './sla-hooks.js';
import { FINISHED_STATUSES } from './list.js';
import { changeStatus } from './status.js';

export const canMerge = canExtend;
export const MERGE_REASON_MAX_CHARS = 2000;
/** Conversation entries that travel with the mails; the rest of a ticket's events are its own history. */
const CONVERSATION_EVENTS = ['reply', 'note'];
export const MERGED_RECEIPT_HELD = 'held: merged into another case';

export interface MergePlan { kept: TicketAttrs; merged: TicketAttrs }

const isFinished = (t: TicketAttrs) => FINISHED_STATUSES.includes(t.status) || t.relation === 'merged_into';

export type MergeRefusal = 'role' | 'read_only' | 'finished';
/**
 * Whether this ticket can be merged at all, by planMerge's rules, for the ticket page's "Gộp…" and the merge page
 * (which other ticket is a question for planMerge). Another agency's ref is TicketNotFoundError, as everywhere.
 */
export async function mergeOptions(db: Db, ref: string, actor: Actor): Promise<{ allowed: boolean; refusal: MergeRefusal | null }> {
  const ticket = await findScopedTicket(db, ref, scopeOf(actor));
  const refusal: MergeRefusal | null = !canMerge(actor) ? 'role' : await isReadOnlyCopy(db, ticket.id) ? 'read_only' : isFinished(ticket) ? 'finished' : null;
  return { allowed: refusal === null, refusal };
}

/** Every check of a merge, writing nothing: the confirmation page shows which ticket is kept. */
export async function planMerge(db: Db, input: { ticketRef: string; otherRef: string; actor: Actor; seen?: Seen }): Promise<MergePlan> {
  // Inside a merge's transaction both rows are locked first, in ref order, so two merges of one pair started from
  // its two pages wait for each other instead of each holding one row; then the page's own ticket is checked as
  // every action's is (scope, role, read-only copy, stale form).
  for (const ref of [input.ticketRef, input.otherRef].map((r) => r.trim().toUpperCase()).sort()) await lockScopedTicket(db, ref, scopeOf(input.actor));
  const ticket = await findWritableTicket(db, input.ticketRef, input.actor, input.seen);
  if (!canMerge(input.actor)) throw new TicketForbiddenError(`role ${input.actor.role} may not merge tickets`);
  const otherRef = input.otherRef.trim().toUpperCase();
  if (!otherRef) throw new TicketInputError('merge', 'no_ref');
  // Outside the actor's scope reads exactly like a ref that does not exist.
  const other = await findScopedTicket(db, otherRef, scopeOf(input.actor)).catch((e: unknown) => {
    if (e instanceof TicketNotFoundError) throw new TicketInputError('merge', 'not_found');
    throw e;
  });
  if (other.id === ticket.id) throw new TicketInputError('merge', 'same');
  if (await isReadOnlyCopy(db, other.id)) throw new TicketInputError('merge', 'read_only');
  if ([ticket, other].some(isFinished)) throw new TicketInputError('merge', 'finished');
  const earlier = (a: TicketAttrs, b: TicketAttrs) => a.received_at.getTime() < b.received_at.getTime()
    || (a.received_at.getTime() === b.received_at.getTime() && a.id < b.id);
  const plan = earlier(ticket, other) ? { kept: ticket, merged: other } : { kept: other, merged: ticket };
  await refuseLostLink(db, plan.merged);
  return plan;
}

/**
 * The merge writes merged_into over the later case's one link, so a case that came by referral from another
 * agency, that follows up a closed case, or that was opened from the same mail as another agency's case is not
 * merged: an inspector following the referral or the earlier case would lose the trail. The officer is told why
 * and which case it is linked to; the two cases stay, each with its own history. "May relate to" is only a guess
 * at ingestion, which the merge settles.
 */
const LASTING_LINKS: readonly string[] = ['referred_from', 'follow_up_of', 'same_mail'];
async function refuseLostLink(db: Db, merged: TicketAttrs): Promise<void> {
  if (!merged.relation || !LASTING_LINKS.includes(merged.relation)) return;
  const linked = merged.related_ticket_id ? await db.models.Ticket.findByPk(merged.related_ticket_id, { attributes: ['ref'] }) : null;
  throw new TicketInputError('merge', `linked_${merged.relation}`, { merged: merged.ref, linked: linked?.ref ?? '' });
}

/** The written reason, trimmed; a merge without one is refused. */
export function mergeReason(raw: string): string {
  const reason = raw.normalize('NFC').trim();
  if (!reason) throw new TicketInputError('merge', 'no_reason');
  if (reason.length > MERGE_REASON_MAX_CHARS) throw new TicketInputError('merge', 'too_long');
  return reason;
}

export async function mergeTickets(db: Db, input: { ticketRef: string; otherRef: string; actor: Actor; reason: string; now?: Date; seen?: Seen }): Promise<MergePlan> {
  const now = input.now ?? new Date();
  return inTransaction(db.sequelize, async () => {
    // Scope and role before the form (planMerge), so another agency's ref is a 404 whatever the form holds.
    const plan = await planMerge(db, input);
    const reason = mergeReason(input.reason);
    return applyMerge(db, plan, { actor: input.actor, reason, now });
  });
}

/**
 * The writes of a planned merge, inside the caller's transaction. Exported for the race test: a plan made before
 * another merge changed either ticket must stop here, not write.
 */
export async function applyMerge(db: Db, plan: MergePlan, input: { actor: Actor; reason: string; now: Date }): Promise<MergePlan> {
  const { actor, reason, now } = input;
  const { kept, merged } = plan;
  // Claim the merge first: of two racing merges of the same ticket, one changes the row and the other stops (through
  // mergeTickets planMerge already holds both rows, locked in ref order; a plan made earlier, as in the race test, not).
  const [won] = await db.models.Ticket.update({ related_ticket_id: kept.id, relation: 'merged_into' as TicketAttrs['relation'] },
    { where: { id: merged.id, status: { [Op.notIn]: FINISHED_STATUSES }, relation: merged.relation === null ? { [Op.is]: null } : merged.relation } });
  if (won !== 1) throw new TicketInputError('merge', 'finished');
  // Then hold the kept row: merged meanwhile into a third case (or closed), it must not receive this one's mail.
  // A locking read of the row as it is now (FOR UPDATE on MariaDB, held to commit; SQLite has one writer at a
  // time), not a no-op UPDATE: the MariaDB driver reports changed rows only (foundRows false), so an UPDATE that
  // changes nothing answers 0 whether or not it matched. Rows are taken later case first, then earlier, in every
  // merge, so two merges cannot wait on each other in a circle.
  const keptNow = await db.models.Ticket.findOne({ attributes: ['id'], lock: Transaction.LOCK.UPDATE,
    where: { id: kept.id, status: { [Op.notIn]: FINISHED_STATUSES }, [Op.or]: [{ relation: { [Op.is]: null } }, { relation: { [Op.ne]: 'merged_into' } }] } });
  if (!keptNow) throw new TicketInputError('merge', 'finished');
  await db.models.Message.update({ ticket_id: kept.id }, { where: { ticket_id: merged.id } });
  await db.models.TicketEvent.update({ ticket_id: kept.id }, { where: { ticket_id: merged.id, kind: CONVERSATION_EVENTS } });
  // A reply's outbox row goes with its event: the kept page's "exact sent mail" link and its case export read it there.
  // Silent: a failed row's updated_at is when it failed, which the watchdog reads (services/ops/ops-state.ts).
  await db.models.Outbox.update({ ticket_id: kept.id }, { where: { ticket_id: merged.id, kind: 'reply' }, silent: true });
  await db.models.Outbox.update({ status: 'held', last_error: MERGED_RECEIPT_HELD },
    { where: { ticket_id: merged.id, kind: 'ack', status: 'queued' } });
  const by = actor.username;
  await db.models.TicketEvent.create({ ticket_id: kept.id, kind: 'merged_from', message_id: null, at: now,
    details: JSON.stringify({ by, ref: merged.ref, reason }) });
  await db.models.TicketEvent.create({ ticket_id: merged.id, kind: 'merged_into', message_id: null, at: now,
    details: JSON.stringify({ by, ref: kept.ref, reason }) });
  // Closing stops the later ticket's clock and reminders (sla-hooks), as any close does.
  await changeStatus(db, merged, 'closed', actor, now);
  await audit(db, { actor: by, action: 'ticket.merge', target: kept.ref, details: { merged: merged.ref, reason } });
  return plan;
}
