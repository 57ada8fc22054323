// The calendar page: one year's effective days off (date-holidays VN + legal extras + the stored overrides,
// exactly what deadlines count on), the province overrides of that year, and the office hours; adding or
// removing an override is audited. Agency-specific overrides stay in calendar-store.ts (holiday:add).
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import type { CalendarOverrideAttrs } from '../../db/models/sla.js';
import { audit } from '../audit/index.js';
import { listOverrides, loadCalendar, removeOverride, setOverride } from './calendar-store.js';
import { holidaysFor } from './holidays.js';
import { weekText } from './office-hours-text.js';
import type { HolidayDay } from './types.js';

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export interface CalendarYear {
  year: number;
  daysOff: HolidayDay[];
  overrides: CalendarOverrideAttrs[];
  week: { weekday: number; periods: string }[];
}

export async function calendarYear(db: Db, year: number): Promise<CalendarYear> {
  const all = await listOverrides(db);
  const daysOff = holidaysFor(year, all.map((o) => ({ date: o.date, kind: o.kind, reason: o.reason })));
  return { year, daysOff, overrides: all.filter((o) => o.date.startsWith(`${year}-`)), week: weekText((await loadCalendar(db)).week) };
}

/** A date's existing province override, which adding another there would replace. */
export interface CalendarClash { date: string; kind: 'off' | 'work'; reason: string }

export type CalendarAdd = { ok: true; row: CalendarOverrideAttrs } | { ok: false; clash: CalendarClash };

/**
 * A province-wide day off or swapped working day; CalendarInputError names a bad field. A date that already has an
 * override is replaced only with `replace` (the page asked first): the
 * store's upsert used to overwrite its reason silently (issue 15 item 4).
 */
export async function addCalendarOverride(db: Db, input: { date: string; kind: 'off' | 'work'; reason: string }, actor: string,
  opts: { replace?: boolean } = {}): Promise<CalendarAdd> {
  return inTransaction(db.sequelize, async () => {
    const clash = opts.replace ? null : await clashOn(db, input);
    if (clash) return { ok: false, clash };
    const row = await setOverride(db, { ...input, agencyId: null });
    await audit(db, { actor, action: 'calendar.override_set', target: row.date, details: { kind: row.kind, reason: row.reason } });
    return { ok: true, row };
  });
}

async function clashOn(db: Db, { date, kind, reason }: { date: string; kind: 'off' | 'work'; reason: string }): Promise<CalendarClash | null> {
  const own = (await listOverrides(db)).find((o) => o.date === date);
  if (!own || (own.kind === kind && own.reason === reason.normalize('NFC').trim())) return null; // the same again changes nothing
  return { date, kind: own.kind as 'off' | 'work', reason: own.reason };
}

export async function removeCalendarOverride(db: Db, date: string, actor: string): Promise<boolean> {
  return inTransaction(db.sequelize, async () => {
    if (!(await removeOverride(db, date, null))) return false;
    await audit(db, { actor, action: 'calendar.override_removed', target: date });
    return true;
  });
}
