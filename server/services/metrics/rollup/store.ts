// Reading and writing the rollup tables. Rows are read raw (no model instance per row) and normalised here:
// SQLite hands back dates as text and booleans as 0/1.
import { Op } from 'sequelize';
import type { Db } from '../../../db/index.js';
import { insertRows } from '../../../db/insert-rows.js';
import type { MetricDayRollupAttrs, MetricFactAttrs, MetricMonthRollupAttrs, MetricWeekRollupAttrs, MetricYearRollupAttrs } from '../../../db/models/metrics.js';
import { addDays, weekStart } from '../report-period.js';
import { rowDate } from '../ticket-stream.js';
import { dayRows, monthRows, weekRows, yearRows } from './cells.js';

type RawFact = Omit<MetricFactAttrs, 'received_at' | 'due_at' | 'first_response_late' | 'referred_on_time'> & {
  received_at: Date | string; due_at: Date | string | null; first_response_late: boolean | number; referred_on_time: boolean | number | null;
};

export function normaliseFact(r: RawFact): MetricFactAttrs {
  return {
    ...r, received_at: rowDate(r.received_at)!, due_at: rowDate(r.due_at), first_response_late: Boolean(r.first_response_late),
    referred_on_time: r.referred_on_time === null ? null : Boolean(r.referred_on_time),
    first_response_minutes: r.first_response_minutes === null ? null : Number(r.first_response_minutes),
    resolution_minutes: r.resolution_minutes === null ? null : Number(r.resolution_minutes),
  };
}

export async function readFacts(db: Db, where: Record<string, unknown>, order: 'ticket_id' | 'none' = 'none', limit?: number): Promise<MetricFactAttrs[]> {
  const rows = await db.models.MetricFact.findAll({ where, raw: true, ...(order === 'ticket_id' ? { order: [['ticket_id', 'ASC']] } : {}), ...(limit ? { limit } : {}) });
  return (rows as unknown as RawFact[]).map(normaliseFact);
}

export async function readDayRows(db: Db, where: Record<string, unknown>): Promise<MetricDayRollupAttrs[]> {
  return await db.models.MetricDayRollup.findAll({ where, raw: true }) as unknown as MetricDayRollupAttrs[];
}

export async function readMonthRows(db: Db, where: Record<string, unknown>): Promise<MetricMonthRollupAttrs[]> {
  return await db.models.MetricMonthRollup.findAll({ where, raw: true }) as unknown as MetricMonthRollupAttrs[];
}

export async function readWeekRows(db: Db, where: Record<string, unknown>): Promise<MetricWeekRollupAttrs[]> {
  return await db.models.MetricWeekRollup.findAll({ where, raw: true }) as unknown as MetricWeekRollupAttrs[];
}

export async function readYearRows(db: Db, where: Record<string, unknown>): Promise<MetricYearRollupAttrs[]> {
  return await db.models.MetricYearRollup.findAll({ where, raw: true }) as unknown as MetricYearRollupAttrs[];
}

/** Replaces the facts of `ticketIds` with `facts` (a ticket absent from `facts` loses its row). In a transaction. */
export async function replaceFacts(db: Db, ticketIds: readonly number[], facts: readonly MetricFactAttrs[]): Promise<void> {
  if (ticketIds.length) await db.models.MetricFact.destroy({ where: { ticket_id: { [Op.in]: [...ticketIds] } } });
  await insertRows(db.models.MetricFact, facts);
}

/**
 * Recomputes the day rows of one agency's given days from its facts, then the week and month rows of those
 * days' weeks and months from the day rows, then the year rows of those months' years from the month rows.
 * In a transaction.
 */
export async function recomputeCells(db: Db, agencyId: number, days: readonly string[]): Promise<void> {
  if (days.length === 0) return;
  const { MetricDayRollup, MetricWeekRollup, MetricMonthRollup, MetricYearRollup } = db.models;
  const facts = await readFacts(db, { agency_id: agencyId, day: { [Op.in]: [...days] } });
  await MetricDayRollup.destroy({ where: { agency_id: agencyId, day: { [Op.in]: [...days] } } });
  await insertRows(MetricDayRollup, dayRows(facts));
  // each period as a range of the primary key's `day` (or `month`), so only its rows are read
  const weeks = [...new Set(days.map((d) => weekStart(new Date(`${d}T12:00:00+07:00`))))];
  const weekDays = await readDayRows(db, { agency_id: agencyId, [Op.or]: weeks.map((w) => ({ day: { [Op.between]: [w, addDays(w, 6)] } })) });
  await MetricWeekRollup.destroy({ where: { agency_id: agencyId, week: { [Op.in]: weeks } } });
  await insertRows(MetricWeekRollup, weekRows(weekDays));
  const months = [...new Set(days.map((d) => d.slice(0, 7)))];
  const monthDays = await readDayRows(db, { agency_id: agencyId, [Op.or]: months.map((m) => ({ day: { [Op.between]: [`${m}-01`, `${m}-31`] } })) });
  await MetricMonthRollup.destroy({ where: { agency_id: agencyId, month: { [Op.in]: months } } });
  await insertRows(MetricMonthRollup, monthRows(monthDays));
  const years = [...new Set(days.map((d) => d.slice(0, 4)))];
  const yearMonths = await readMonthRows(db, { agency_id: agencyId, [Op.or]: years.map((y) => ({ month: { [Op.between]: [`${y}-01`, `${y}-12`] } })) });
  await MetricYearRollup.destroy({ where: { agency_id: agencyId, year: { [Op.in]: years } } });
  await insertRows(MetricYearRollup, yearRows(yearMonths));
}

/** (agency, day) pairs grouped by agency: the cells a change of these facts touches. */
export function touchedDays(facts: Iterable<Pick<MetricFactAttrs, 'agency_id' | 'day'>>): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const f of facts) {
    let days = out.get(f.agency_id);
    if (!days) out.set(f.agency_id, (days = new Set()));
    days.add(f.day);
  }
  return out;
}
