// When each reminder/escalation step of a ticket fires. Pure: the scheduler (sla:tick) compares these
// instants with "now" and sends each step once, keyed by (ticket, step id).
import { addPeriod } from './deadline.js';
import { addOfficeMinutes, officeMinutesBetween } from './office-time.js';
import type { Period, WorkCalendar } from './types.js';

export type LadderStep =
  /** Fires when `percent` of the *working* time between start and due has elapsed (100 = at due). */
  | { readonly id: string; readonly kind: 'elapsed'; readonly percent: number }
  /** Fires `period` after due, counted like any SLA period (addPeriod from the due instant). */
  | { readonly id: string; readonly kind: 'after_due'; readonly period: Period };

export interface LadderFiring {
  readonly id: string;
  readonly at: Date;
}

/** vietnam.md §1.7 suggestion (a design choice, not law): 50 %, 80 %, due, overdue + 1 working day. */
export const DEFAULT_LADDER: readonly LadderStep[] = [
  { id: 'reminder_50', kind: 'elapsed', percent: 50 },
  { id: 'reminder_80', kind: 'elapsed', percent: 80 },
  { id: 'due', kind: 'elapsed', percent: 100 },
  { id: 'overdue_1_working_day', kind: 'after_due', period: { amount: 1, unit: 'working_days' } },
];

function fireAt(step: LadderStep, start: Date, due: Date, totalMinutes: number, cal: WorkCalendar): Date {
  if (step.kind === 'after_due') return addPeriod(due, step.period, cal);
  if (!(step.percent >= 0) || !Number.isFinite(step.percent)) {
    throw new RangeError(`Invalid ladder step "${step.id}": percent must be a number ≥ 0`);
  }
  // Exactly at due for 100 %, and for every share when the SLA has no working time left at all.
  if (step.percent === 100 || totalMinutes <= 0) return due;
  return addOfficeMinutes(start, (totalMinutes * step.percent) / 100, cal);
}

/** The instant each step fires, in firing order (ties keep ladder order). */
export function ladderInstants(start: Date, due: Date, cal: WorkCalendar, ladder: readonly LadderStep[] = DEFAULT_LADDER): LadderFiring[] {
  const ids = new Set<string>();
  for (const step of ladder) {
    if (ids.has(step.id)) throw new Error(`Duplicate ladder step id "${step.id}": each step is sent once per ticket by its id`);
    ids.add(step.id);
  }
  const total = officeMinutesBetween(start, due, cal);
  return ladder
    .map((step) => ({ id: step.id, at: fireAt(step, start, due, total, cal) }))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Share of the SLA's working time used at `now` (0 at start, 1 at due, above 1 when overdue). */
export function elapsedShare(start: Date, due: Date, now: Date, cal: WorkCalendar): number {
  const total = officeMinutesBetween(start, due, cal);
  if (total <= 0) return now.getTime() >= due.getTime() ? 1 : 0;
  return officeMinutesBetween(start, now, cal) / total;
}
