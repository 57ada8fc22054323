// Deadlines counted the way Vietnamese law counts time limits (DESIGN.md §4 "SLA"; Bộ luật Dân sự 2015
// Art. 147–148: the day of the event is not counted, and a limit ending on a day off moves to the next
// working day). "Close of office" replaces the Civil Code's 24:00 because a citizen's answer is due
// while the agency is open.
import { localDay } from '../time/index.js';
import { addOfficeMinutes, closeOfDay, firstWorkingDayFrom } from './office-time.js';
import type { Period, WorkCalendar } from './types.js';

const MINUTES_PER_HOUR = 60;

function checkPeriod(period: Period): void {
  const { amount, unit } = period;
  const wholeDays = unit !== 'working_hours';
  if (!(amount > 0) || !Number.isFinite(amount) || (wholeDays && !Number.isInteger(amount))) {
    throw new RangeError(`Invalid SLA period amount ${amount} for ${unit}: expected ${wholeDays ? 'a whole number' : 'a number'} > 0`);
  }
  if (unit !== 'working_hours' && unit !== 'working_days' && unit !== 'calendar_days') {
    throw new RangeError(`Invalid SLA period unit "${String(unit)}": expected working_hours, working_days or calendar_days`);
  }
}

/**
 * The deadline of `period` counted from the instant of receipt `from`:
 * - working_hours: office minutes from `from`; outside office hours the count starts at the next opening.
 * - working_days: the receipt day is not counted; close of office on the Nth working day after it.
 * - calendar_days: the receipt day is not counted; close of office on the Nth day after it, or, if
 *   that is not a working day, on the next working day.
 * "Day of receipt" is the local (UTC+7) date of `from`, even when that is a weekend or after hours.
 */
export function addPeriod(from: Date, period: Period, cal: WorkCalendar): Date {
  checkPeriod(period);
  if (period.unit === 'working_hours') return addOfficeMinutes(from, period.amount * MINUTES_PER_HOUR, cal);
  const receiptDay = localDay(from, cal.utcOffsetMinutes);
  let day = receiptDay;
  if (period.unit === 'calendar_days') {
    day = firstWorkingDayFrom(receiptDay + period.amount, cal);
  } else {
    for (let counted = 0; counted < period.amount; counted += 1) day = firstWorkingDayFrom(day + 1, cal);
  }
  // firstWorkingDayFrom only returns days with office periods, so the close exists.
  return closeOfDay(day, cal)!;
}
