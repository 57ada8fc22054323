// The days off of one year: date-holidays' VN public days, the legal extras it lacks, then overrides.
// This is the only importer of date-holidays.
import Holidays from 'date-holidays';
import { DEFAULT_OVERRIDES } from './default-overrides.js';
import { LEGAL_EXTRA_DAYS } from './legal-extra-days.js';
import { DAY_MS, dayToIsoDate, isoDateToDay } from '../time/index.js';
import type { DayOverride, HolidayDay } from './types.js';

let library: Holidays | undefined;

function vnHolidays(): Holidays {
  // Building the rule set is the slow part, so do it once per process.
  library ??= new Holidays('VN');
  return library;
}

/**
 * date-holidays' public days of `year`, one entry per date. Observances (type 'observance', e.g.
 * "Chiến thắng Ngọc Hồi – Đống Đa") are not days off. The Tết block is a single multi-day entry, so
 * every day from start to end is expanded; `date` is already the local (UTC+7) date.
 */
export function libraryPublicDays(year: number): HolidayDay[] {
  const days: HolidayDay[] = [];
  for (const h of vnHolidays().getHolidays(year)) {
    if (h.type !== 'public') continue;
    const first = isoDateToDay(h.date.slice(0, 10));
    const length = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
    for (let i = 0; i < length; i += 1) {
      days.push({ date: dayToIsoDate(first + i), name: h.name, source: 'date-holidays' });
    }
  }
  return days;
}

function addDay(into: Map<string, HolidayDay>, day: HolidayDay): void {
  const known = into.get(day.date);
  if (!known) into.set(day.date, day);
  else if (!known.name.includes(day.name)) into.set(day.date, { ...known, name: `${known.name}; ${day.name}` });
}

/**
 * Days off in `year`, sorted by date: statutory public holidays (date-holidays + LEGAL_EXTRA_DAYS),
 * plus 'off' overrides, minus 'work' overrides. Later overrides for the same date win.
 */
export function holidaysFor(year: number, overrides: readonly DayOverride[] = DEFAULT_OVERRIDES): HolidayDay[] {
  if (!Number.isInteger(year)) throw new Error(`Invalid year ${year}: expected a whole number`);
  const days = new Map<string, HolidayDay>();
  for (const day of libraryPublicDays(year)) addDay(days, day);
  for (const rule of LEGAL_EXTRA_DAYS) {
    const statutory = [...days.keys()].sort();
    for (const date of rule.days(year, statutory)) addDay(days, { date, name: rule.name, source: rule.id });
  }
  const prefix = `${year}-`;
  const latest = new Map<string, DayOverride>();
  for (const o of overrides) if (o.date.startsWith(prefix)) latest.set(o.date, o);
  for (const o of latest.values()) {
    isoDateToDay(o.date); // rejects malformed dates early, naming them
    if (o.kind === 'work') days.delete(o.date);
    else addDay(days, { date: o.date, name: o.reason, source: 'override' });
  }
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}
