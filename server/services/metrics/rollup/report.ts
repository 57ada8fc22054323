// Reports read from the rollups: whole months from the month rows, the days at either end of the period from
// the day rows, and the one figure that moves with the clock (an open ticket becomes overdue without any event)
// counted live against `now` by the database from the open tickets' facts. Same shape as the full recompute
// (MetricsReport).
import { QueryTypes } from 'sequelize';
import type { Db } from '../../../db/index.js';
import type { RollupCounts } from '../../../db/models/metrics.js';
import type { GroupMetrics } from '../aggregate.js';
import { toHours } from '../percentile.js';
import { weekStart, weeksBetween } from '../report-period.js';
import { CountsAccumulator, parsedSketches } from './cells.js';
import { coverPlan, type CoverFor, type KeySpan } from './cover.js';
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

const COUNT_COLUMNS = 'received, on_time, late, open, referred, referred_on_time, first_response_late';
const TABLES = { year: 'metric_year_rollups', month: 'metric_month_rollups', week: 'metric_week_rollups', day: 'metric_day_rollups' } as const;
type Level = keyof typeof TABLES;

/**
 * The WHERE of one level's rows: the agencies, then the key spans as bounds on the primary key's second column,
 * so the database reads one key range per agency and span. Null when there is no span.
 */
function levelWhere(level: Level, spans: readonly KeySpan[], agencyIds: readonly number[] | undefined, replacements: Record<string, unknown>): string | null {
  if (spans.length === 0) return null;
  const ors = spans.map((s, i) => {
    const parts: string[] = [];
    if (s.from !== undefined) { parts.push(`${level} >= :${level}From${i}`); replacements[`${level}From${i}`] = s.from; }
    if (s.to !== undefined) { parts.push(`${level} <= :${level}To${i}`); replacements[`${level}To${i}`] = s.to; }
    return parts.length ? `(${parts.join(' AND ')})` : '1 = 1';
  });
  if (agencyIds) replacements.ids = agencyIds.length ? [...agencyIds] : [-1];
  return `${agencyIds ? 'agency_id IN (:ids) AND ' : ''}(${ors.join(' OR ')})`;
}

/** One level's rows over the spans, raw (no model, no query builder): the columns a report adds up. */
async function levelRows(db: Db, level: Level, spans: readonly KeySpan[], agencyIds: readonly number[] | undefined): Promise<CellRow[]> {
  const replacements: Record<string, unknown> = {};
  const where = levelWhere(level, spans, agencyIds, replacements);
  if (!where) return [];
  const keys = level === 'day' ? 'day, week, month' : level;
  return db.sequelize.query<CellRow>(
    `SELECT agency_id, ${keys}, category, class, ${COUNT_COLUMNS}, first_response_hist, resolution_hist FROM ${TABLES[level]} WHERE ${where}`,
    { type: QueryTypes.SELECT, replacements },
  );
}

/**
 * The rows that cover the range exactly (cover.ts): year, month and week rows for the whole units inside it,
 * day rows for the rest. `cover` says which breakdowns the rows must fit (months: no year rows, no week crossing
 * a month; weeks: week and day rows only).
 */
export async function coveringRows(db: Db, range: DayRange, agencyIds: readonly number[] | undefined, cover: CoverFor = 'any'): Promise<CellRow[]> {
  const plan = coverPlan(range, cover);
  const parts = await Promise.all([
    levelRows(db, 'year', plan.years, agencyIds), levelRows(db, 'month', plan.months, agencyIds),
    levelRows(db, 'week', plan.weeks, agencyIds), levelRows(db, 'day', plan.days, agencyIds),
  ]);
  return parts.flat();
}

/** Counts per week (no sketch) over the range, summed by the database: week rows for whole weeks, day rows for the edges. */
export async function weekCounts(db: Db, range: DayRange, agencyIds: readonly number[] | undefined): Promise<WeekCounts[]> {
  const plan = coverPlan(range, 'weeks');
  const sums = COUNT_COLUMNS.split(', ').slice(0, 5).map((c) => `SUM(${c}) AS ${c}`).join(', ');
  const byWeek = new Map<string, WeekCounts>();
  await Promise.all((['week', 'day'] as const).map(async (level) => {
    const replacements: Record<string, unknown> = {};
    const where = levelWhere(level, level === 'week' ? plan.weeks : plan.days, agencyIds, replacements);
    if (!where) return;
    const rows = await db.sequelize.query<Record<keyof WeekCounts, string | number>>(
      `SELECT week, ${sums} FROM ${TABLES[level]} WHERE ${where} GROUP BY week`, { type: QueryTypes.SELECT, replacements },
    );
    for (const r of rows) {
      const w = byWeek.get(String(r.week)) ?? { week: String(r.week), received: 0, on_time: 0, late: 0, open: 0, referred: 0 };
      w.received += Number(r.received); w.on_time += Number(r.on_time); w.late += Number(r.late); w.open += Number(r.open); w.referred += Number(r.referred);
      byWeek.set(w.week, w);
    }
  }));
  return [...byWeek.values()];
}

export interface WeekCounts { week: string; received: number; on_time: number; late: number; open: number; referred: number }

/** Overdue open tickets (due before now), counted by the database per dimension asked for; `day` is the day of receipt. */
export interface OverdueCounts { agency: Map<number, number>; category?: Map<string, number>; class?: Map<string, number>; day?: Map<string, number> }

type OpenColumn = 'agency_id' | 'category' | 'class' | 'day';

/**
 * Open tickets in scope counted per value of `column`, read from metric_facts_state_idx alone (it holds every
 * column these counts need), so the backlog costs a few small result sets however large it is.
 */
async function countOpen<K extends string | number>(db: Db, column: OpenColumn, range: DayRange, agencyIds: readonly number[] | undefined, dueBefore?: Date): Promise<Map<K, number>> {
  const where = ["state = 'open'"];
  const replacements: Record<string, unknown> = {};
  if (agencyIds) { where.push('agency_id IN (:ids)'); replacements.ids = agencyIds.length ? [...agencyIds] : [-1]; }
  if (range.from) { where.push('day >= :from'); replacements.from = range.from; }
  if (range.to) { where.push('day <= :to'); replacements.to = range.to; }
  if (dueBefore) { where.push('due_at < :due'); replacements.due = dueBefore; }
  const rows = await db.sequelize.query<Record<string, string | number>>(
    `SELECT ${column} AS k, COUNT(*) AS n FROM metric_ticket_facts WHERE ${where.join(' AND ')} GROUP BY ${column}`,
    { type: QueryTypes.SELECT, replacements },
  );
  return new Map(rows.map((r) => [(column === 'agency_id' ? Number(r.k) : String(r.k)) as K, Number(r.n)]));
}

/**
 * The overdue open tickets in scope (received in the range when given) as of `now`, by agency and by each of
 * the dimensions a breakdown reads (day: for months and weeks).
 */
export async function overdueCounts(db: Db, range: DayRange, agencyIds: readonly number[] | undefined, now: Date, dims: readonly Dimension[]): Promise<OverdueCounts> {
  const want = (d: Dimension) => dims.includes(d);
  const [agency, category, cls, day] = await Promise.all([
    countOpen<number>(db, 'agency_id', range, agencyIds, now),
    want('category') ? countOpen<string>(db, 'category', range, agencyIds, now) : undefined,
    want('class') ? countOpen<string>(db, 'class', range, agencyIds, now) : undefined,
    want('month') || want('week') ? countOpen<string>(db, 'day', range, agencyIds, now) : undefined,
  ]);
  return { agency, category, class: cls, day };
}

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

export type CellRow = RollupCounts & { agency_id: number; category: string; class: string; year?: string; month?: string; week?: string; day?: string };

/** The group a rollup row (or an overdue count's day) falls in, for one dimension. */
export function keyOf(dim: Dimension, r: { agency_id: number; category: string; class: string; day?: string; week?: string; month?: string }): string | number {
  switch (dim) {
    case 'agency': return r.agency_id;
    case 'category': return r.category;
    case 'class': return r.class;
    // a week row is read for months only when it lies in one month (cover.ts)
    case 'month': return r.month ?? (r.day ?? r.week ?? unkeyed(dim)).slice(0, 7);
    case 'week': return r.week ?? (r.day ? weekStart(new Date(`${r.day}T12:00:00+07:00`)) : unkeyed(dim));
    case 'total': return '';
  }
}

function unkeyed(dim: Dimension): never {
  throw new Error(`a rollup row without a ${dim} was read for a ${dim} breakdown`);
}

/** Rollup rows and overdue counts summed into the groups of each dimension asked for. */
export class Breakdown {
  readonly groups = new Map<Dimension, ReportGroups<string | number>>();
  /** the dimensions rows are added into; the total is summed from `totalFrom`'s few groups when there is one */
  private readonly rowDims: readonly Dimension[];
  private readonly totalFrom: Dimension | undefined;
  private totalSummed = false;
  constructor(readonly dims: readonly Dimension[]) {
    for (const d of dims) this.groups.set(d, new ReportGroups());
    // every row falls in exactly one group of each dimension, so the total is the sum of any one dimension's
    // groups: a few sketches merged once instead of every row merged once more
    this.totalFrom = dims.includes('total') ? (['class', 'category', 'agency', 'month', 'week'] as const).find((d) => dims.includes(d)) : undefined;
    this.rowDims = this.totalFrom ? dims.filter((d) => d !== 'total') : dims;
  }
  addRow(r: CellRow): void {
    const dims = this.rowDims;
    if (dims.length === 1) {
      this.groups.get(dims[0]!)!.get(keyOf(dims[0]!, r)).counts.addCountsEncoded(r);
      return;
    }
    const sketches = parsedSketches(r);
    for (const d of dims) this.groups.get(d)!.get(keyOf(d, r)).counts.addCounts(r, sketches);
  }
  addOverdue(counts: OverdueCounts): void {
    for (const d of this.dims) {
      const groups = this.groups.get(d)!;
      const of = <K>(m: Map<K, number> | undefined) => m ?? unkeyed(d);
      if (d === 'agency') for (const [id, n] of counts.agency) groups.get(id).overdueOpen += n;
      else if (d === 'category') for (const [c, n] of of(counts.category)) groups.get(c).overdueOpen += n;
      else if (d === 'class') for (const [c, n] of of(counts.class)) groups.get(c).overdueOpen += n;
      else if (d === 'total') for (const n of counts.agency.values()) groups.get('').overdueOpen += n;
      else for (const [day, n] of of(counts.day)) groups.get(keyOf(d, { agency_id: 0, category: '', class: '', day })).overdueOpen += n;
    }
  }
  /** The groups of one dimension; undefined when it was not asked for. Read after the last row is added. */
  of(dim: Dimension): ReportGroups<string | number> | undefined {
    if (dim === 'total' && this.totalFrom && !this.totalSummed) {
      this.totalSummed = true;
      const total = this.groups.get('total')!.get('').counts;
      const from = this.groups.get(this.totalFrom)!;
      for (const k of from.keys()) total.addAccumulator(from.get(k).counts);
    }
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
