// The backlog's age in working days (pure): how long each open ticket has waited, on its agency's calendar, in
// the buckets leaders report (0–2, 3–5, 6–10, over 10 working days). The age moves with the clock, not with
// any event, so it is counted at read time from the open tickets' facts (a small set), never stored.
import type { WorkCalendar } from '../sla/index.js';
import type { CalendarDays } from './sla-on-demand.js';

export const AGING_BUCKETS = [
  { key: '0-2', max: 2 },
  { key: '3-5', max: 5 },
  { key: '6-10', max: 10 },
  { key: '>10', max: Infinity },
] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number]['key'];
export type AgingCounts = Record<AgingBucket, number>;

export const emptyAging = (): AgingCounts => ({ '0-2': 0, '3-5': 0, '6-10': 0, '>10': 0 });

export const bucketOfAge = (workingDays: number): AgingBucket => AGING_BUCKETS.find((b) => workingDays <= b.max)!.key;

const DAY_MS = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * Working days in (day, today] on one calendar: a ticket received today is 0 days old, one received on Friday
 * is 1 day old on Monday. Counts are built once per calendar walking back from today, so a backlog of any size
 * costs one pass over the days it spans.
 */
export function workingDayCounter(cal: WorkCalendar, today: string, sla: Pick<CalendarDays, 'isWorkingDay'>): (day: string) => number {
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  // since[k] = working days in (today − k days, today]
  const since: number[] = [0];
  return (day: string) => {
    const k = Math.round((todayMs - Date.parse(`${day}T00:00:00Z`)) / DAY_MS);
    if (!(k > 0)) return 0;
    while (since.length <= k) {
      const j = since.length; // adding the day today − (j − 1)
      since.push(since[j - 1]! + (sla.isWorkingDay(isoDay(todayMs - (j - 1) * DAY_MS), cal) ? 1 : 0));
    }
    return since[k]!;
  };
}

/**
 * The same buckets as receipt-day cut-offs, so the database can count a backlog of any size without handing
 * its rows over: `cutoffs[i]` is the oldest receipt day still in bucket i (the age only grows as the day gets
 * older), and a day older than every cut-off is in the last bucket. Walks back from today until the age passes
 * the last finite bucket (a few weeks at most, even over Tết).
 */
export function agingCutoffs(cal: WorkCalendar, today: string, sla: Pick<CalendarDays, 'isWorkingDay'>): string[] {
  const maxes = AGING_BUCKETS.slice(0, -1).map((b) => b.max);
  const count = workingDayCounter(cal, today, sla);
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const cutoffs: string[] = [];
  let oldest = today;
  for (let k = 0; cutoffs.length < maxes.length; k++) {
    const day = isoDay(todayMs - k * DAY_MS);
    const age = count(day);
    while (cutoffs.length < maxes.length && age > maxes[cutoffs.length]!) cutoffs.push(oldest);
    oldest = day;
    if (k > 3660) while (cutoffs.length < maxes.length) cutoffs.push('0000-00-00'); // a calendar with no working day
  }
  return cutoffs;
}

/** The bucket of a receipt day, from the cut-offs (pure; the database does the same with CASE). */
export function bucketOfDay(cutoffs: readonly string[], day: string): AgingBucket {
  const i = cutoffs.findIndex((c) => day >= c);
  return AGING_BUCKETS[i === -1 ? cutoffs.length : i]!.key;
}
