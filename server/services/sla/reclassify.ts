// Reclassifying a ticket moves its clock onto the new (class, priority) policy, counted from the same start:
// the receipt (or the acceptance, for classes that count from it), plus the office time already paused. A
// stopped clock keeps its deadlines (the resolution is on record); the first-response deadline, once met, stays.
import type { Db } from '../../db/index.js';
import type { TicketSlaAttrs } from '../../db/models/sla.js';
import { loadCalendar } from './calendar-store.js';
import { ClockError, mirrorDeadlines, requireClock, shiftBy } from './clock-store.js';
import { addPeriod } from './deadline.js';
import { policyFor, type SlaPolicy } from './policy-store.js';
import type { WorkCalendar } from './types.js';

/** The clock's deadlines under another policy, from the same start. Pure. */
export function deadlinesUnder(clock: TicketSlaAttrs, policy: SlaPolicy, cal: WorkCalendar): Pick<TicketSlaAttrs, 'first_response_due' | 'resolution_due' | 'resolution_start'> {
  const firstDue = clock.first_response_at ? clock.first_response_due : shiftBy(addPeriod(clock.received_at, policy.firstResponse, cal), clock.paused_minutes, cal);
  const start = policy.resolutionFrom === 'acceptance' ? (clock.first_response_at ?? firstDue ?? clock.received_at) : clock.received_at;
  // An acceptance-based start already lies after the pauses that came before it; a receipt start does not.
  const shift = policy.resolutionFrom === 'acceptance' && clock.first_response_at ? 0 : clock.paused_minutes;
  return { first_response_due: firstDue, resolution_start: shiftBy(start, shift, cal)!, resolution_due: shiftBy(addPeriod(start, policy.resolution, cal), shift, cal) };
}

/** Inside the caller's transaction. Returns the clock as it now is. */
export async function reclassifyClock(db: Db, ticketId: number, agencyId: number, to: { class: string; priority: string }): Promise<TicketSlaAttrs> {
  const clock = await requireClock(db, ticketId);
  if (clock.read_only) throw new ClockError('read_only', 'this ticket was referred to another agency; its clock runs there');
  const changes: Partial<TicketSlaAttrs> = { policy_class: to.class, priority: to.priority };
  const regime = clock.policy_class !== to.class || clock.priority !== to.priority;
  if (regime && !clock.resolved_at) {
    // A complex complaint or an extended denunciation has a deadline decided by law for that class; reclassify first.
    if (clock.complex || clock.extensions > 0) throw new ClockError('conflict', 'the deadline was extended under the current class');
    Object.assign(changes, deadlinesUnder(clock, await policyFor(db, to.class, to.priority), await loadCalendar(db, agencyId)));
  }
  await db.models.TicketSla.update(changes, { where: { ticket_id: ticketId } });
  const next = { ...clock, ...changes };
  await mirrorDeadlines(db, ticketId, next);
  return next;
}
