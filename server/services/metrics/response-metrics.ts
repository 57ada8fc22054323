// responseMetrics(): per agency, category, class, month and week, in working hours. The one entry point the CLI,
// the /metrics page and the reports call. It reads the rollups (rollup/), refreshed first, whenever the question
// is about whole local days as of now; a report as of another instant, or on a calendar given by the caller, is
// recomputed from every ticket's events (recomputed-metrics.ts), which is also what metrics:verify trusts.
import type { Db } from '../../db/index.js';
import type { GroupMetrics } from './aggregate.js';
import { localDate } from './report-period.js';
import { BREAKDOWNS, resolveScope, type MetricsQuery, type ResolvedScope } from './scope.js';
import { recomputedMetrics } from './recomputed-metrics.js';
import { refreshRollups } from './rollup/refresh.js';
import { Breakdown, coveringRows, overdueCounts, ReportGroups, weekKeys, type DayRange, type Dimension } from './rollup/report.js';

export interface AgencyMetrics extends GroupMetrics { agency: string; agency_name: string }
/** category '' = not yet categorised */
export interface CategoryMetrics extends GroupMetrics { category: string }
/** class '' = not yet classified */
export interface ClassMetrics extends GroupMetrics { class: string }
/** week = its Monday, local date */
export interface WeekMetrics extends GroupMetrics { week: string }
/** month = YYYY-MM */
export interface MonthMetrics extends GroupMetrics { month: string }

export interface MetricsReport {
  /** local dates; `to` is the last day included */
  from: string | null;
  to: string | null;
  as_of: string;
  /** 'rollups' (maintained tables, percentiles within SKETCH_RELATIVE_ERROR) or 'recompute' (exact, from events) */
  source: 'rollups' | 'recompute';
  agencies: AgencyMetrics[];
  categories: CategoryMetrics[];
  classes: ClassMetrics[];
  months: MonthMetrics[];
  weeks: WeekMetrics[];
  total: GroupMetrics;
}

export const byKey = <T>(a: T, b: T) => (a < b ? -1 : a > b ? 1 : 0);

const MIDNIGHT_MS = 86_400_000;
const isLocalMidnight = (d: Date) => (d.getTime() + 7 * 3_600_000) % MIDNIGHT_MS === 0;

/** The period as whole local days, or null when a bound falls inside a day (then only a recompute is exact). */
export function dayRangeOf(q: MetricsQuery): DayRange | null {
  if ((q.from && !isLocalMidnight(q.from)) || (q.to && !isLocalMidnight(q.to))) return null;
  return { from: q.from ? localDate(q.from) : undefined, to: q.to ? localDate(new Date(q.to.getTime() - 1)) : undefined };
}

/** The rows of one report: agencies named, sorted; the agency asked for is listed even with no tickets. */
export function agencyRows(scope: ResolvedScope, ids: Iterable<number>, result: (id: number) => GroupMetrics): AgencyMetrics[] {
  const all = new Set(ids);
  if (scope.requested) all.add(scope.requested.id);
  return [...all].map((id) => {
    const a = scope.agencies.get(id);
    return { agency: a?.code ?? String(id), agency_name: a?.name ?? '', ...result(id) };
  }).sort((a, b) => byKey(a.agency, b.agency));
}

export async function responseMetrics(db: Db, q: MetricsQuery = {}): Promise<MetricsReport> {
  return (await responseMetricsWithOverdue(db, q)).report;
}

/**
 * responseMetrics, and from the rollups also the overdue open tickets by day of receipt when the months or
 * weeks were summed (the dashboard's weekly trend reads them; null otherwise), so no caller counts them twice.
 */
export async function responseMetricsWithOverdue(db: Db, q: MetricsQuery = {}): Promise<{ report: MetricsReport; overdueByDay: Map<string, number> | null }> {
  const scope = await resolveScope(db, q);
  const range = dayRangeOf(q);
  if (q.recompute || q.asOf || q.calendar || !range) return { report: await recomputedMetrics(db, q, scope), overdueByDay: null };
  if (!q.skipRefresh) await refreshRollups(db);
  const now = scope.asOf;
  // The rollups' primary keys start with the agency: naming every agency when none is chosen lets the database
  // read a period as one key range per agency instead of scanning the table.
  const ids = scope.filter.agencyIds ?? [...scope.agencies.keys()];
  // each row is added into every group it belongs to, so a breakdown nobody reads is not summed (and the rows
  // read are the coarsest that fit the breakdowns asked for: cover.ts)
  const only = new Set(q.only ?? BREAKDOWNS);
  const dims: Dimension[] = ([['agencies', 'agency'], ['categories', 'category'], ['classes', 'class'], ['months', 'month']] as const)
    .filter(([b]) => only.has(b)).map(([, d]) => d);
  const main = new Breakdown([...dims, 'total']);
  const [rows, overdue, weekRows] = await Promise.all([
    coveringRows(db, range, ids, dims.includes('month') ? 'months' : 'any'),
    overdueCounts(db, range, ids, now, q.weeks ? [...dims, 'week'] : dims),
    q.weeks ? coveringRows(db, range, ids, 'weeks') : [],
  ]);
  for (const r of rows) main.addRow(r);
  main.addOverdue(overdue);

  let weeks: WeekMetrics[] = [];
  if (q.weeks) {
    const byWeek = new Breakdown(['week']);
    for (const r of weekRows) byWeek.addRow(r);
    byWeek.addOverdue(overdue);
    const w = byWeek.of('week')!;
    weeks = weekKeys(range, w.keys() as string[]).map((week) => ({ week, ...w.result(week) }));
  }
  const m = main.of('month') ?? new ReportGroups();
  const agencies = main.of('agency');
  const categories = main.of('category');
  const classes = main.of('class');
  return {
    report: {
      from: range.from ?? null,
      to: range.to ?? null,
      as_of: now.toISOString(),
      source: 'rollups',
      agencies: agencies ? agencyRows(scope, agencies.keys() as number[], (id) => agencies.result(id)) : [],
      categories: categories ? (categories.keys() as string[]).sort(byKey).map((category) => ({ category, ...categories.result(category) })) : [],
      classes: classes ? (classes.keys() as string[]).sort(byKey).map((cls) => ({ class: cls, ...classes.result(cls) })) : [],
      months: (m.keys() as string[]).sort(byKey).map((month) => ({ month, ...m.result(month) })),
      weeks,
      total: main.of('total')!.result(''),
    },
    overdueByDay: overdue.day ?? null,
  };
}
