// The work calendar from the database: the pure calendar (date-holidays VN + legal extra days) with the
// admin's overrides on top. The overrides table is seeded with DEFAULT_OVERRIDES, so the table alone is the
// truth and an admin can also remove a seeded decision; an agency's own overrides apply after the province's.
import { Op } from 'sequelize';
import { modelRow, readRows, selectColumns, type Db } from '../../db/index.js';
import type { CalendarOverrideAttrs } from '../../db/models/sla.js';
import { createCalendar } from './calendar.js';
import { isoDateToDay } from '../time/index.js';
import type { DayOverride, WorkCalendar } from './types.js';

export const PROVINCE_SCOPE = 'province';
const scopeOf = (agencyId: number | null | undefined) => (agencyId ? `agency:${agencyId}` : PROVINCE_SCOPE);

export class CalendarInputError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
    this.name = 'CalendarInputError';
  }
}

/** Province overrides, then the agency's (which win on the same date). */
export async function listOverrides(db: Db, agencyId: number | null = null): Promise<CalendarOverrideAttrs[]> {
  // raw: the queue and the ticket page read it on every request
  const rows = await readRows(db, `SELECT ${selectColumns(db.models.CalendarOverride, 'o', '')} FROM calendar_overrides o
    WHERE o.scope IN (?${agencyId ? ', ?' : ''}) ORDER BY o.date ASC, o.id ASC`, agencyId ? [PROVINCE_SCOPE, scopeOf(agencyId)] : [PROVINCE_SCOPE]);
  const plain = rows.map((r) => modelRow<CalendarOverrideAttrs>(db.models.CalendarOverride, r, ''));
  return plain.sort((a, b) => Number(a.scope !== PROVINCE_SCOPE) - Number(b.scope !== PROVINCE_SCOPE));
}

// Calendars by their exact override list: holidays are computed once per year per calendar, which is the slow
// part, and a changed override changes the key, so an edit takes effect at the next load.
const BUILT_CALENDARS_MAX = 32;
const built = new Map<string, WorkCalendar>();

function calendarOf(rows: readonly CalendarOverrideAttrs[]): WorkCalendar {
  const overrides: DayOverride[] = rows.map((o) => ({ date: o.date, kind: o.kind, reason: o.reason }));
  const key = JSON.stringify(overrides);
  let cal = built.get(key);
  if (!cal) {
    if (built.size >= BUILT_CALENDARS_MAX) built.delete(built.keys().next().value!);
    built.set(key, (cal = createCalendar({ overrides, includeDefaultOverrides: false })));
  }
  return cal;
}

/** The calendar an agency's deadlines are counted on (null: the province's), read from the overrides table. */
export async function loadCalendar(db: Db, agencyId: number | null = null): Promise<WorkCalendar> {
  return calendarOf(await listOverrides(db, agencyId));
}

/** Several agencies' calendars from one read of the overrides (a page over many agencies), by agency id. */
export async function loadCalendars(db: Db, agencyIds: readonly number[]): Promise<Map<number, WorkCalendar>> {
  const scopes = [PROVINCE_SCOPE, ...agencyIds.map(scopeOf)];
  const rows = (await db.models.CalendarOverride.findAll({ where: { scope: { [Op.in]: scopes } }, order: [['date', 'ASC'], ['id', 'ASC']], raw: true })) as unknown as CalendarOverrideAttrs[];
  const province = rows.filter((r) => r.scope === PROVINCE_SCOPE);
  const own = new Map<string, CalendarOverrideAttrs[]>();
  for (const r of rows) if (r.scope !== PROVINCE_SCOPE) own.set(r.scope, [...(own.get(r.scope) ?? []), r]);
  return new Map(agencyIds.map((id) => [id, calendarOf([...province, ...(own.get(scopeOf(id)) ?? [])])]));
}

/** Calendars by agency for one tick, so a tick over many tickets builds each calendar once. */
export function calendarCache(db: Db): (agencyId: number | null) => Promise<WorkCalendar> {
  const cache = new Map<string, Promise<WorkCalendar>>();
  return (agencyId) => {
    const key = scopeOf(agencyId);
    let cal = cache.get(key);
    if (!cal) cache.set(key, (cal = loadCalendar(db, agencyId)));
    return cal;
  };
}

export interface HolidayInput {
  date: string;
  kind: 'off' | 'work';
  reason: string;
  agencyId?: number | null;
}

/** Adds or replaces the override of one date (a day off, or a swapped working day). Deadlines already computed stay. */
export async function setOverride(db: Db, input: HolidayInput): Promise<CalendarOverrideAttrs> {
  try {
    isoDateToDay(input.date);
  } catch (e) {
    throw new CalendarInputError('date', (e as Error).message);
  }
  const reason = input.reason.normalize('NFC').trim();
  if (!reason) throw new CalendarInputError('reason', 'is required: name the decision or the reason');
  if (input.kind !== 'off' && input.kind !== 'work') throw new CalendarInputError('kind', 'must be off or work');
  const scope = scopeOf(input.agencyId);
  const existing = await db.models.CalendarOverride.findOne({ where: { scope, date: input.date } });
  if (existing) {
    await existing.update({ kind: input.kind, reason: reason.slice(0, 500) });
    return existing.get({ plain: true }) as CalendarOverrideAttrs;
  }
  const row = await db.models.CalendarOverride.create({ scope, agency_id: input.agencyId ?? null, date: input.date, kind: input.kind, reason: reason.slice(0, 500) });
  return row.get({ plain: true }) as CalendarOverrideAttrs;
}

export async function removeOverride(db: Db, date: string, agencyId: number | null = null): Promise<boolean> {
  return (await db.models.CalendarOverride.destroy({ where: { scope: scopeOf(agencyId), date } })) > 0;
}
