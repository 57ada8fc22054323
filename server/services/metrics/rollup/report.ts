// Reports read from the rollups: whole months from the month rows, the days at either end of the period from
// the day rows, and the one figure that moves with the clock (an open ticket becomes overdue without any event)
// counted live against `now` by the database from the open tickets' facts. Same shape as the full recompute
// (MetricsReport).
import { col, fn, Op, QueryTypes, type WhereOptions } from 'sequelize';
import type { Db } from '../../../db/index.js';
import type { MetricDayRollupAttrs, MetricMonthRollupAttrs, RollupCounts } from '../../../db/models/metrics.js';
import type { GroupMetrics } from '../aggregate.js';
import { toHours } from '../percentile.js';
import { weekStart, weeksBetween } from '../report-period.js';
import { CountsAccumulator, parsedSketches } from './cells.js';
import { sketchPercentile } from './sketch.js';

/** A period of whole local days; either end may be open. `to` is the last day included. */
export interface DayRange { from?: string; to?: string }

/** One group's rollup counts plus its overdue open tickets (read live). */
export class ReportGroup {
  readonly counts = new CountsAccumulator();
  overdueOpen = 0;

  result(): GroupMetrics {
    const c = this.counts;
    const p = (s: typeof c.firstResponse, q: number) => toHours(sketchPercentile(s, q));
    return {
      received: c.received, resolved: c.on_time + c.late, on_time: c.on_time, late: c.late + this.overdueOpen, open: c.open,
      overdue_open: this.overdueOpen, referred: c.referred, resolved_late: c.late, open_in_time: c.open - this.overdueOpen,
      referred_on_time: c.referred_on_time, first_response_late: c.first_response_late,
      first_response_median_hours: p(c.firstResponse, 50), first_response_p90_hours: p(c.firstResponse, 90),
      resolution_median_hours: p(c.resolution, 50), resolution_p90_hours: p(c.resolution, 90),
    };
  }
}

export class ReportGroups<K> {
  private readonly groups = new Map<K, ReportGroup>();
  get(key: K): ReportGroup {
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = new ReportGroup()));
    return g;
  }
  keys(): K[] {
    return [...this.groups.keys()];
  }
  result(key: K): GroupMetrics {
    return (this.groups.get(key) ?? new ReportGroup()).result();
  }
}

const lastDayOf = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
const nextMonth = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1)).toISOString().slice(0, 7);

/** The whole months inside the range (first and last, inclusive), or null when there is none. */
export function wholeMonths(range: DayRange): { first?: string; last?: string } | null {
  let first = range.from?.slice(0, 7);
  if (range.from && range.from.slice(8) !== '01') first = nextMonth(range.from.slice(0, 7));
  let last = range.to?.slice(0, 7);
  if (range.to && lastDayOf(range.to.slice(0, 7)) !== range.to) {
    const m = range.to.slice(0, 7);
    last = new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 2, 1)).toISOString().slice(0, 7);
  }
  if (first && last && first > last) return null;
  return { first, last };
}

const scopeWhere = (agencyIds: readonly number[] | undefined) => (agencyIds ? { agency_id: { [Op.in]: [...agencyIds] } } : {});

function dayWhere(range: DayRange): Record<string, unknown> {
  const day: Record<symbol, string> = {};
  if (range.from) day[Op.gte] = range.from;
  if (range.to) day[Op.lte] = range.to;
  return Object.getOwnPropertySymbols(day).length ? { day } : {};
}

export interface RollupRows { months: MetricMonthRollupAttrs[]; days: MetricDayRollupAttrs[] }

/** The rows that cover the range exactly: month rows for whole months, day rows for the rest. */
export async function coveringRows(db: Db, range: DayRange, agencyIds: readonly number[] | undefined): Promise<RollupRows> {
  const whole = wholeMonths(range);
  const monthRange: Record<symbol, string> = {};
  if (whole?.first) monthRange[Op.gte] = whole.first;
  if (whole?.last) monthRange[Op.lte] = whole.last;
  // the days outside the whole months, as bounds on `day` (in the primary key after the agency), so the
  // database reads only the edges' key ranges rather than every day of the period and drops the months'
  const outsideWhole: WhereOptions = whole
    ? { [Op.or]: [...(whole.first ? [{ day: { [Op.lt]: `${whole.first}-01` } }] : []), ...(whole.last ? [{ day: { [Op.gt]: lastDayOf(whole.last) } }] : [])] }
    : {};
  const everyMonthWhole = whole && !whole.first && !whole.last;
  const [months, days] = await Promise.all([
    whole ? db.models.MetricMonthRollup.findAll({ where: { ...scopeWhere(agencyIds), ...(Object.getOwnPropertySymbols(monthRange).length ? { month: monthRange } : {}) }, raw: true }) : [],
    everyMonthWhole ? [] : db.models.MetricDayRollup.findAll({ where: { ...scopeWhere(agencyIds), ...dayWhere(range), ...outsideWhole }, raw: true }),
  ]);
  return { months: months as unknown as MetricMonthRollupAttrs[], days: days as unknown as MetricDayRollupAttrs[] };
}

/** Day rows over the whole range (the weekly breakdown needs days). */
export async function dayRowsIn(db: Db, range: DayRange, agencyIds: readonly number[] | undefined): Promise<MetricDayRollupAttrs[]> {
  return await db.models.MetricDayRollup.findAll({ where: { ...scopeWhere(agencyIds), ...dayWhere(range) }, raw: true }) as unknown as MetricDayRollupAttrs[];
}

/** Overdue open tickets (due before now), counted by the database per dimension; `day` is the day of receipt. */
export interface OverdueCounts { agency: Map<number, number>; category: Map<string, number>; class: Map<string, number>; day: Map<string, number> }

type OpenColumn = 'agency_id' | 'category' | 'class' | 'day';

/**
 * Open tickets in scope counted per value of `column`, read from metric_facts_state_idx alone (it holds every
 * column these counts need), so the backlog costs a few small result sets however large it is.
 */
async function countOpen<K extends string | number>(db: Db, column: OpenColumn, range: DayRange, agencyIds: readonly number[] | undefined, dueBefore?: Date): Promise<Map<K, number>> {
  const rows = await db.models.MetricFact.findAll({
    where: { state: 'open', ...scopeWhere(agencyIds), ...dayWhere(range), ...(dueBefore ? { due_at: { [Op.lt]: dueBefore } } : {}) },
    attributes: [column, [fn('COUNT', col('ticket_id')), 'n']], group: [column], raw: true,
  }) as unknown as Record<string, string | number>[];
  return new Map(rows.map((r) => [(column === 'agency_id' ? Number(r[column]) : String(r[column])) as K, Number(r.n)]));
}

/** The overdue open tickets in scope (received in the range when given) as of `now`, by agency, category, class and day. */
export async function overdueCounts(db: Db, range: DayRange, agencyIds: readonly number[] | undefined, now: Date): Promise<OverdueCounts> {
  const [agency, category, cls, day] = await Promise.all([
    countOpen<number>(db, 'agency_id', range, agencyIds, now), countOpen<string>(db, 'category', range, agencyIds, now),
    countOpen<string>(db, 'class', range, agencyIds, now), countOpen<string>(db, 'day', range, agencyIds, now),
  ]);
  return { agency, category, class: cls, day };
}

/** Overdue open tickets in scope by day of receipt only (the weekly trend). */
export const overdueByDay = (db: Db, range: DayRange, agencyIds: readonly number[] | undefined, now: Date) =>
  countOpen<string>(db, 'day', range, agencyIds, now);

/**
 * Open tickets received up to `to` per agency, in the age buckets that `cutoffs` (backlog-aging.ts
 * agingCutoffs, one calendar's) draw as receipt days: counted by the database with one CASE per bucket.
 */
export async function openByAge(db: Db, to: string | undefined, agencyIds: readonly number[], cutoffs: readonly string[]): Promise<{ agency_id: number; buckets: number[] }[]> {
  if (agencyIds.length === 0) return [];
  // bucket i: day ≥ cutoffs[i] and, past the first, day < cutoffs[i-1]; the last bucket is what is older than every cut-off
  const bounds = [...cutoffs.map((c, i) => ({ from: c, before: cutoffs[i - 1] })), { from: undefined, before: cutoffs[cutoffs.length - 1] }];
  const cases = bounds.map((b, i) => {
    const test = [b.from ? `day >= :from${i}` : '', b.before ? `day < :before${i}` : ''].filter(Boolean).join(' AND ') || '1 = 1';
    return `SUM(CASE WHEN ${test} THEN 1 ELSE 0 END) AS b${i}`;
  });
  const replacements: Record<string, unknown> = { ids: [...agencyIds], ...(to ? { to } : {}) };
  bounds.forEach((b, i) => { if (b.from) replacements[`from${i}`] = b.from; if (b.before) replacements[`before${i}`] = b.before; });
  const rows = await db.sequelize.query<Record<string, number | string>>(
    `SELECT agency_id, ${cases.join(', ')} FROM metric_ticket_facts WHERE state = 'open' AND agency_id IN (:ids)${to ? ' AND day <= :to' : ''} GROUP BY agency_id`,
    { type: QueryTypes.SELECT, replacements },
  );
  return rows.map((r) => ({ agency_id: Number(r.agency_id), buckets: bounds.map((_, i) => Number(r[`b${i}`] ?? 0)) }));
}

export type Dimension = 'agency' | 'category' | 'class' | 'month' | 'week' | 'total';

type CellRow = RollupCounts & { agency_id: number; category: string; class: string; month?: string; day?: string; week?: string };

/** The group a rollup row (or an overdue count's day) falls in, for one dimension. */
export function keyOf(dim: Dimension, r: { agency_id: number; category: string; class: string; day?: string; month?: string; week?: string }): string | number {
  switch (dim) {
    case 'agency': return r.agency_id;
    case 'category': return r.category;
    case 'class': return r.class;
    case 'month': return r.month ?? r.day!.slice(0, 7);
    case 'week': return r.week ?? weekStart(new Date(`${r.day}T12:00:00+07:00`));
    case 'total': return '';
  }
}

/** Rollup rows and overdue counts summed into the groups of each dimension asked for. */
export class Breakdown {
  readonly groups = new Map<Dimension, ReportGroups<string | number>>();
  constructor(readonly dims: readonly Dimension[]) {
    for (const d of dims) this.groups.set(d, new ReportGroups());
  }
  addRow(r: CellRow): void {
    const sketches = parsedSketches(r);
    for (const d of this.dims) this.groups.get(d)!.get(keyOf(d, r)).counts.addCounts(r, sketches);
  }
  addOverdue(counts: OverdueCounts): void {
    for (const d of this.dims) {
      const groups = this.groups.get(d)!;
      if (d === 'agency') for (const [id, n] of counts.agency) groups.get(id).overdueOpen += n;
      else if (d === 'category') for (const [c, n] of counts.category) groups.get(c).overdueOpen += n;
      else if (d === 'class') for (const [c, n] of counts.class) groups.get(c).overdueOpen += n;
      else for (const [day, n] of counts.day) groups.get(keyOf(d, { agency_id: 0, category: '', class: '', day })).overdueOpen += n;
    }
  }
  /** The groups of one dimension; undefined when it was not asked for. */
  of(dim: Dimension): ReportGroups<string | number> | undefined {
    return this.groups.get(dim);
  }
}

/** Week keys from the range's first to its last week (quiet weeks shown as zero). */
export function weekKeys(range: DayRange, seen: readonly string[]): string[] {
  const sorted = [...seen].sort();
  const first = range.from ? weekStart(new Date(`${range.from}T12:00:00+07:00`)) : sorted[0];
  const last = range.to ? weekStart(new Date(`${range.to}T12:00:00+07:00`)) : sorted[sorted.length - 1];
  return first && last ? weeksBetween(first, last, 100_000) : [];
}
