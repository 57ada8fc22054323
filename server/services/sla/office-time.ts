// Office-time arithmetic: walking forward through the calendar's office periods, minute by period.
import { officePeriodsOn } from './calendar.js';
import { type DayNumber, MINUTE_MS, instantAt, localDay, localMinute } from '../time/index.js';
import type { WorkCalendar } from './types.js';

/** How far a search may walk before the calendar is declared to have no office time at all. */
export const MAX_SEARCH_DAYS = 3_660;

function noOfficeTime(): Error {
  return new Error(`The work calendar has no office hours within ${MAX_SEARCH_DAYS} days; check its week hours and overrides`);
}

/**
 * The instant reached after `minutes` (≥ 0, may be fractional) of office time from `from`.
 * Time outside office periods does not count, so from 11:45 the count starts at 13:30. When the count
 * ends exactly at a closing time, that closing time is returned (not the next opening).
 */
export function addOfficeMinutes(from: Date, minutes: number, cal: WorkCalendar): Date {
  if (!(minutes >= 0) || !Number.isFinite(minutes)) throw new RangeError(`Invalid office minutes ${minutes}: expected a finite number ≥ 0`);
  const offset = cal.utcOffsetMinutes;
  const firstDay = localDay(from, offset);
  let minute = localMinute(from, offset);
  let remaining = minutes;
  for (let day = firstDay; day <= firstDay + MAX_SEARCH_DAYS; day += 1, minute = 0) {
    for (const p of officePeriodsOn(day, cal)) {
      if (p.end <= minute) continue;
      const start = Math.max(p.start, minute);
      if (remaining <= p.end - start) return instantAt(day, start + remaining, offset);
      remaining -= p.end - start;
    }
  }
  throw noOfficeTime();
}

/** `at` itself when the office is open then, else the next opening. */
export function nextOpening(at: Date, cal: WorkCalendar): Date {
  return addOfficeMinutes(at, 0, cal);
}

/** Office (working) minutes in [a, b); negative when b is before a: SLA time used, pauses, metrics in working time. */
export function officeMinutesBetween(a: Date, b: Date, cal: WorkCalendar): number {
  if (b.getTime() < a.getTime()) return -officeMinutesBetween(b, a, cal);
  const offset = cal.utcOffsetMinutes;
  const [firstDay, lastDay] = [localDay(a, offset), localDay(b, offset)];
  const [firstMinute, lastMinute] = [localMinute(a, offset), localMinute(b, offset)];
  let total = 0;
  for (let day = firstDay; day <= lastDay; day += 1) {
    const from = day === firstDay ? firstMinute : 0;
    const to = day === lastDay ? lastMinute : Infinity;
    for (const p of officePeriodsOn(day, cal)) total += Math.max(0, Math.min(p.end, to) - Math.max(p.start, from));
  }
  // Rounding to whole ms keeps sums of fractional minutes from drifting.
  return Math.round(total * MINUTE_MS) / MINUTE_MS;
}

/** The close of office hours on `day`, or undefined on a day off. */
export function closeOfDay(day: DayNumber, cal: WorkCalendar): Date | undefined {
  const periods = officePeriodsOn(day, cal);
  const last = periods[periods.length - 1];
  return last ? instantAt(day, last.end, cal.utcOffsetMinutes) : undefined;
}

/** The first working day at or after `day`. */
export function firstWorkingDayFrom(day: DayNumber, cal: WorkCalendar): DayNumber {
  for (let d = day; d <= day + MAX_SEARCH_DAYS; d += 1) if (officePeriodsOn(d, cal).length > 0) return d;
  throw noOfficeTime();
}

export interface OfficeInterval {
  readonly start: Date;
  readonly end: Date;
}

/** The office intervals overlapping [a, b), clipped to it, in order (for timelines and metrics). */
export function officeIntervals(a: Date, b: Date, cal: WorkCalendar): OfficeInterval[] {
  const offset = cal.utcOffsetMinutes;
  const intervals: OfficeInterval[] = [];
  for (let day = localDay(a, offset); day <= localDay(b, offset); day += 1) {
    for (const p of officePeriodsOn(day, cal)) {
      const start = Math.max(instantAt(day, p.start, offset).getTime(), a.getTime());
      const end = Math.min(instantAt(day, p.end, offset).getTime(), b.getTime());
      if (end > start) intervals.push({ start: new Date(start), end: new Date(end) });
    }
  }
  return intervals;
}

/** Working days after `from`'s own day, up to and including `to`'s day (0 when `to` falls on `from`'s day or
 *  before): "3 working days left" to a deadline, or "2 working days late" after one, as the law counts days. */
export function workingDaysAfter(from: Date, to: Date, cal: WorkCalendar): number {
  const first = localDay(from, cal.utcOffsetMinutes);
  const last = Math.min(localDay(to, cal.utcOffsetMinutes), first + MAX_SEARCH_DAYS);
  let n = 0;
  for (let day = first + 1; day <= last; day += 1) if (officePeriodsOn(day, cal).length > 0) n += 1;
  return n;
}
