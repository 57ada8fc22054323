// The agency's work calendar: office periods per weekday, seasonal schedules, days off and swaps.
// Days are local dates in Asia/Ho_Chi_Minh (see ../time/local-time.ts); nothing depends on the machine's TZ.
import { DEFAULT_OVERRIDES } from './default-overrides.js';
import { holidaysFor } from './holidays.js';
import {
  type DayNumber, MINUTES_PER_DAY, VN_UTC_OFFSET_MINUTES, dayToIsoDate, isoDateToDay, localDay, monthDayOf,
  parseClock, weekdayOf, yearOf,
} from '../time/index.js';
import type { DayOverride, OfficePeriod, Season, WeekHours, WorkCalendar } from './types.js';

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** '07:30-11:30' (or '07:30–11:30') pairs → office periods. */
export function officeHours(...ranges: string[]): OfficePeriod[] {
  return ranges.map((range) => {
    const parts = range.split(/[-–]/);
    if (parts.length !== 2) throw new Error(`Invalid office period "${range}": expected HH:MM-HH:MM`);
    return { start: parseClock(parts[0]!), end: parseClock(parts[1]!) };
  });
}

/** The same periods Monday to Friday; Saturday and Sunday off (QĐ 188/1999/QĐ-TTg). */
export function mondayToFriday(periods: readonly OfficePeriod[]): WeekHours {
  return [0, 1, 2, 3, 4, 5, 6].map((weekday) => (weekday === 0 || weekday === 6 ? [] : periods));
}

/** DESIGN.md §4 default: Mon–Fri 07:30–11:30 and 13:30–17:00. */
export const DEFAULT_WEEK: WeekHours = mondayToFriday(officeHours('07:30-11:30', '13:30-17:00'));

export interface CalendarOptions {
  week?: WeekHours;
  seasons?: readonly Season[];
  /** Applied in order after DEFAULT_OVERRIDES (pass `includeDefaultOverrides: false` to drop those). */
  overrides?: readonly DayOverride[];
  includeDefaultOverrides?: boolean;
  /** Days off per year; defaults to holidaysFor(year, overrides). Tests pass fixed lists. */
  holidays?: (year: number) => Iterable<string>;
}

function checkPeriods(periods: readonly OfficePeriod[], where: string): void {
  let previousEnd = 0;
  for (const p of periods) {
    if (!(p.start >= previousEnd && p.end > p.start && p.end <= MINUTES_PER_DAY)) {
      throw new Error(`Invalid office periods for ${where}: periods must be ascending, non-empty, not overlapping`);
    }
    previousEnd = p.end;
  }
}

function checkWeek(week: WeekHours, where: string): void {
  if (week.length !== 7) throw new Error(`Invalid week hours for ${where}: expected 7 weekdays (Sunday first)`);
  week.forEach((periods, weekday) => checkPeriods(periods, `${where}, weekday ${weekday}`));
}

/** Builds a calendar, validating every schedule; holidays are computed lazily once per year. */
export function createCalendar(options: CalendarOptions = {}): WorkCalendar {
  const week = options.week ?? DEFAULT_WEEK;
  checkWeek(week, 'the default week');
  const seasons = options.seasons ?? [];
  for (const s of seasons) {
    if (!MONTH_DAY.test(s.from) || !MONTH_DAY.test(s.to)) throw new Error(`Invalid season "${s.name}": from/to must be MM-DD`);
    checkWeek(s.week, `season ${s.name}`);
  }
  const overrideList = [...(options.includeDefaultOverrides === false ? [] : DEFAULT_OVERRIDES), ...(options.overrides ?? [])];
  const overrides = new Map<string, DayOverride>();
  for (const o of overrideList) {
    isoDateToDay(o.date);
    if (o.hours) checkPeriods(o.hours, `override ${o.date}`);
    overrides.set(o.date, o);
  }
  const source = options.holidays ?? ((year: number) => holidaysFor(year, overrideList).map((h) => h.date));
  const byYear = new Map<number, ReadonlySet<string>>();
  const holidaysOf = (year: number): ReadonlySet<string> => {
    let days = byYear.get(year);
    if (!days) byYear.set(year, (days = new Set(source(year))));
    return days;
  };
  return { timeZone: 'Asia/Ho_Chi_Minh', utcOffsetMinutes: VN_UTC_OFFSET_MINUTES, week, seasons, overrides, holidaysOf };
}

function inSeason(monthDay: string, season: Season): boolean {
  return season.from <= season.to
    ? monthDay >= season.from && monthDay <= season.to
    : monthDay >= season.from || monthDay <= season.to;
}

/** The week hours in force on `day`: the first matching season, else the default week. */
export function weekHoursOn(day: DayNumber, cal: WorkCalendar): WeekHours {
  const monthDay = monthDayOf(day);
  return cal.seasons.find((s) => inSeason(monthDay, s))?.week ?? cal.week;
}

function toDay(date: Date | string | DayNumber, cal: WorkCalendar): DayNumber {
  if (typeof date === 'number') return date;
  return typeof date === 'string' ? isoDateToDay(date) : localDay(date, cal.utcOffsetMinutes);
}

/**
 * Office periods of a local date (an ISO date, a day number, or the local date of an instant);
 * empty on days off. A swapped working day without its own hours uses that season's Monday hours.
 */
export function officePeriodsOn(date: Date | string | DayNumber, cal: WorkCalendar): readonly OfficePeriod[] {
  const day = toDay(date, cal);
  let memo = periodsMemo.get(cal);
  if (!memo) periodsMemo.set(cal, (memo = new Map()));
  let periods = memo.get(day);
  if (!periods) memo.set(day, (periods = computeOfficePeriods(day, cal)));
  return periods;
}

// A calendar is never changed after createCalendar (the stores build a new one when overrides change), so
// a day's periods can be remembered: deadline arithmetic asks for the same days thousands of times.
const periodsMemo = new WeakMap<WorkCalendar, Map<DayNumber, readonly OfficePeriod[]>>();

function computeOfficePeriods(day: DayNumber, cal: WorkCalendar): readonly OfficePeriod[] {
  const iso = dayToIsoDate(day);
  const override = cal.overrides.get(iso);
  const week = weekHoursOn(day, cal);
  const usual = week[weekdayOf(day)] ?? [];
  if (override?.kind === 'work') return override.hours ?? (usual.length > 0 ? usual : week[1] ?? []);
  if (override?.kind === 'off' || cal.holidaysOf(yearOf(day)).has(iso)) return [];
  return usual;
}

export function isWorkingDay(date: Date | string | DayNumber, cal: WorkCalendar): boolean {
  return officePeriodsOn(date, cal).length > 0;
}
