// officeMinutesBetween for bulk use: the same arithmetic as services/sla (office minutes in [a, b) on the
// calendar), with each day's office periods looked up once per report instead of once per ticket per day.
// A province-year is ~100k tickets × two durations × up to weeks of days each; the SLA function recomputes
// holidays and seasons for every day it walks, the memo here does it once. A unit test holds the two equal.
import type { OfficePeriod, WorkCalendar } from '../sla/index.js';
import type { CalendarDays } from './sla-on-demand.js';
import { MINUTE_MS, localDay, localMinute } from '../time/index.js';

export type WorkingMinutes = (a: Date, b: Date) => number;

/** `sla` gives officePeriodsOn (sla-on-demand.ts: services/sla is loaded only when a calendar is needed). */
export function memoWorkingMinutes(cal: WorkCalendar, sla: Pick<CalendarDays, 'officePeriodsOn'>): WorkingMinutes {
  const periods = new Map<number, readonly OfficePeriod[]>();
  const totals = new Map<number, number>();
  const periodsOf = (day: number) => {
    let p = periods.get(day);
    if (!p) periods.set(day, (p = sla.officePeriodsOn(day, cal)));
    return p;
  };
  const totalOf = (day: number) => {
    let n = totals.get(day);
    if (n === undefined) totals.set(day, (n = periodsOf(day).reduce((sum, p) => sum + p.end - p.start, 0)));
    return n;
  };
  const clipped = (day: number, from: number, to: number) =>
    periodsOf(day).reduce((sum, p) => sum + Math.max(0, Math.min(p.end, to) - Math.max(p.start, from)), 0);

  const between: WorkingMinutes = (a, b) => {
    if (b.getTime() < a.getTime()) return -between(b, a);
    const offset = cal.utcOffsetMinutes;
    const [firstDay, lastDay] = [localDay(a, offset), localDay(b, offset)];
    const [firstMinute, lastMinute] = [localMinute(a, offset), localMinute(b, offset)];
    let total: number;
    if (firstDay === lastDay) total = clipped(firstDay, firstMinute, lastMinute);
    else {
      total = clipped(firstDay, firstMinute, Infinity) + clipped(lastDay, 0, lastMinute);
      for (let day = firstDay + 1; day < lastDay; day += 1) total += totalOf(day);
    }
    return Math.round(total * MINUTE_MS) / MINUTE_MS;
  };
  return between;
}
