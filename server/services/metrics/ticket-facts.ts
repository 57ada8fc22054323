// What one ticket contributes to the metrics, derived from its events only (pure).
// - first response: the earliest 'reply' (services/tickets) or 'first_response' (the SLA clock's acceptance
//   notice, thụ lý, which also answers the citizen) event.
// - resolution: a 'status' event whose details.to is final, or the SLA clock's 'resolved' event; a later
//   'status' event back to a non-final status reopens the ticket, and the resolution then counts from the
//   next final transition.
// - referral: a 'referral' event hands the case to another agency, which gets its own ticket and clock; for
//   the sender it is neither resolved nor open (its 5-working-day target is in services/tickets referralStats).
// Paused time ('pause' … 'resume' events, services/sla/pause.ts) is not the agency's time, so it is left out
// of the durations; the SLA clock already moved due_at by the same amount.
// - merged: a ticket closed as merged into another ('merged_into', services/tickets/merge.ts) is the same case
//   as the one kept, which carries it from then on; its close is not a resolution, so it is not counted at all
//   (mergedAway), neither received nor resolved.
import type { WorkingMinutes } from './working-time.js';
import { FINISHED_STATUSES } from '../../db/models/hotline.js';

const FINAL_STATUSES: ReadonlySet<string> = new Set(FINISHED_STATUSES);

export interface MetricsTicket {
  id: number;
  ref: string;
  agencyId: number;
  category: string | null;
  /** the ticket's class (phan_anh_kien_nghi, khieu_nai, to_cao…); '' when unknown */
  class?: string;
  receivedAt: Date;
  dueAt: Date | null;
  /** the first-response (thụ lý) deadline; null when the clock set none */
  firstResponseDueAt?: Date | null;
}

export interface MetricsEvent {
  kind: string;
  at: Date;
  details: string | null;
}

/** open_in_time: open and not yet past due_at (or no due_at); open_overdue: open past due_at. */
export type Outcome = 'on_time' | 'late' | 'open_in_time' | 'open_overdue' | 'referred';

/** The ticket was merged into another by `asOf` (events already cut at `asOf`): it drops out of every figure. */
export const mergedAway = (events: readonly MetricsEvent[]): boolean => events.some((e) => e.kind === 'merged_into');

const FIRST_RESPONSE_KINDS: ReadonlySet<string> = new Set(['reply', 'first_response']);

export interface TicketFacts {
  ticket: MetricsTicket;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  /** working minutes, pauses excluded; null when there is no reply / resolution yet */
  firstResponseMinutes: number | null;
  resolutionMinutes: number | null;
  outcome: Outcome;
  /** referred: was it forwarded within the 5-working-day target (the referral event's onTime)? else null */
  referredOnTime: boolean | null;
  /** the first response came after its deadline (first_response_due_at) */
  firstResponseLate: boolean;
}

function detail(details: string | null, key: string): unknown {
  if (!details) return undefined;
  try {
    return (JSON.parse(details) as Record<string, unknown>)[key];
  } catch {
    return undefined; // a hand-written note in details must not break a province-wide report
  }
}

function statusTo(details: string | null): string | undefined {
  const to = detail(details, 'to');
  return typeof to === 'string' ? to : undefined;
}

interface Interval { start: Date; end: Date }

/** Pause intervals; an unmatched pause runs until `asOf`. A second pause while paused is ignored. */
export function pauseIntervals(events: readonly MetricsEvent[], asOf: Date): Interval[] {
  const out: Interval[] = [];
  let open: Date | undefined;
  for (const e of events) {
    if (e.kind === 'pause' && !open) open = e.at;
    else if (e.kind === 'resume' && open) {
      out.push({ start: open, end: e.at });
      open = undefined;
    }
  }
  if (open) out.push({ start: open, end: asOf });
  return out;
}

/** Working minutes from `from` to `to`, less the working minutes of pauses inside that span. */
export function activeWorkingMinutes(from: Date, to: Date, pauses: readonly Interval[], between: WorkingMinutes): number {
  if (to.getTime() <= from.getTime()) return 0;
  let paused = 0;
  for (const p of pauses) {
    const start = Math.max(p.start.getTime(), from.getTime());
    const end = Math.min(p.end.getTime(), to.getTime());
    if (end > start) paused += between(new Date(start), new Date(end));
  }
  return Math.max(0, between(from, to) - paused);
}

/** The resolution instant: the first final transition after the last reopening, or null if open. */
export function resolutionInstant(events: readonly MetricsEvent[]): Date | null {
  let resolvedAt: Date | null = null;
  for (const e of events) {
    if (e.kind === 'resolved') resolvedAt ??= e.at;
    if (e.kind !== 'status') continue;
    const to = statusTo(e.details);
    if (to === undefined) continue;
    if (FINAL_STATUSES.has(to)) resolvedAt ??= e.at;
    else resolvedAt = null;
  }
  return resolvedAt;
}

/**
 * The facts of one ticket as of `asOf`. `events` must be in time order; events after `asOf` are ignored,
 * so a report for a past instant does not change when later work happens. `between` counts working
 * minutes on the ticket's agency calendar (memoWorkingMinutes(cal)).
 */
export function ticketFacts(ticket: MetricsTicket, events: readonly MetricsEvent[], asOf: Date, between: WorkingMinutes): TicketFacts {
  const seen = events.filter((e) => e.at.getTime() <= asOf.getTime());
  const firstResponseAt = seen.find((e) => FIRST_RESPONSE_KINDS.has(e.kind))?.at ?? null;
  const referral = seen.find((e) => e.kind === 'referral');
  const referred = referral !== undefined;
  const resolvedAt = referred ? null : resolutionInstant(seen);
  const pauses = pauseIntervals(seen, asOf);
  const minutes = (end: Date | null) => (end ? activeWorkingMinutes(ticket.receivedAt, end, pauses, between) : null);
  const due = ticket.dueAt?.getTime();
  let outcome: Outcome;
  if (referred) outcome = 'referred';
  else if (resolvedAt) outcome = due === undefined || resolvedAt.getTime() <= due ? 'on_time' : 'late';
  else outcome = due !== undefined && asOf.getTime() > due ? 'open_overdue' : 'open_in_time';
  const frDue = ticket.firstResponseDueAt?.getTime();
  return {
    ticket, firstResponseAt, resolvedAt, firstResponseMinutes: minutes(firstResponseAt), resolutionMinutes: minutes(resolvedAt), outcome,
    referredOnTime: referral ? detail(referral.details, 'onTime') === true : null,
    firstResponseLate: firstResponseAt !== null && frDue !== undefined && firstResponseAt.getTime() > frDue,
  };
}
