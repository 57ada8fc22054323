// The leaders' dashboard (/metrics and `govmail metrics --dashboard`): the report from the rollups plus what a
// leader reports upward: breach % with its reasons, the backlog's age in working days, weekly and monthly
// trend, referrals forwarded within 5 working days, hotline health and mailbox coverage. The actor's scope is
// applied here (dashboard-access.ts), not by the caller.
import type { Db } from '../../db/index.js';
import type { Principal } from '../auth/index.js';
import type { Coverage } from '../provisioning/index.js';
import type { GroupMetrics } from './aggregate.js';
import { AGING_BUCKETS, agingCutoffs, emptyAging, type AgingCounts } from './backlog-aging.js';
import { metricsAccess } from './dashboard-access.js';
import { hotlineHealth, type HotlineHealth } from './hotline-health.js';
import { localDate, weekStart } from './report-period.js';
import { dayRangeOf, responseMetricsWithOverdue, type AgencyMetrics, type CategoryMetrics, type ClassMetrics } from './response-metrics.js';
import { openByAge, weekCounts, weekKeys } from './rollup/report.js';
import { refreshRollups } from './rollup/refresh.js';
import { SKETCH_ABSOLUTE_ERROR_MINUTES, SKETCH_RELATIVE_ERROR } from './rollup/sketch.js';
import type { WorkCalendar } from '../sla/index.js';
import { slaService } from './sla-on-demand.js';

export interface DashboardQuery { from?: Date; to?: Date; agencyCode?: string }

export interface Breach {
  /** tickets whose deadline outcome is known: on time, resolved late, or open past due */
  judged: number;
  breached: number;
  /** breached / judged, in %, one decimal; null when nothing is judged */
  pct: number | null;
  /** why: each may overlap another (a late first response is often also a late resolution) */
  reasons: { resolved_late: number; overdue_open: number; first_response_late: number; referred_late: number };
}

export interface TrendPoint { period: string; received: number; resolved: number; late: number }
export interface AgingRow extends AgingCounts { agency: string; agency_name: string; open: number }

export interface Dashboard {
  from: string | null;
  to: string | null;
  as_of: string;
  source: 'rollups' | 'recompute';
  /** how far a median or P90 may be from the exact value: relative × exact + absolute_hours; null = exact */
  percentile_error: { relative: number; absolute_hours: number } | null;
  agencies: (AgencyMetrics & { breach_pct: number | null })[];
  total: GroupMetrics;
  breach: Breach;
  referrals: { referred: number; within_target: number; within_target_pct: number | null };
  /** open tickets received up to the period's end, by working days waited as of now */
  aging: { buckets: string[]; agencies: AgingRow[]; total: AgingCounts & { open: number } };
  trend: { weeks: TrendPoint[]; months: TrendPoint[] };
  categories: CategoryMetrics[];
  classes: ClassMetrics[];
  hotlines: HotlineHealth[];
  coverage: Coverage;
}

export const pctOf = (part: number, whole: number): number | null => (whole > 0 ? Math.round((1000 * part) / whole) / 10 : null);

export function breachOf(m: GroupMetrics): Breach {
  const judged = m.on_time + m.late;
  return {
    judged, breached: m.late, pct: pctOf(m.late, judged),
    reasons: { resolved_late: m.resolved_late, overdue_open: m.overdue_open, first_response_late: m.first_response_late, referred_late: m.referred - m.referred_on_time },
  };
}

/** The backlog's age per agency: the database counts each agency's open tickets against its calendar's cut-offs. */
async function agingOf(db: Db, agencyIds: readonly number[], toDay: string | undefined, today: string, names: Map<number, { code: string; name: string }>): Promise<Dashboard['aging']> {
  const sla = await slaService();
  const calendars = await sla.loadCalendars(db, agencyIds);
  const sharing = new Map<WorkCalendar, number[]>();
  for (const [id, cal] of calendars) sharing.set(cal, [...(sharing.get(cal) ?? []), id]);
  const rows: AgingRow[] = [];
  const total = { ...emptyAging(), open: 0 };
  for (const [cal, ids] of sharing) {
    for (const { agency_id: id, buckets } of await openByAge(db, toDay, ids, agingCutoffs(cal, today, sla))) {
      const a = names.get(id);
      const row: AgingRow = { agency: a?.code ?? String(id), agency_name: a?.name ?? '', open: 0, ...emptyAging() };
      AGING_BUCKETS.forEach((bucket, i) => {
        row[bucket.key] = buckets[i]!; row.open += buckets[i]!;
        total[bucket.key] += buckets[i]!; total.open += buckets[i]!;
      });
      rows.push(row);
    }
  }
  return { buckets: AGING_BUCKETS.map((bk) => bk.key), agencies: rows.sort((x, y) => (x.agency < y.agency ? -1 : 1)), total };
}

/** Mailbox coverage of the agency shown (undefined: every agency; '': an actor whose agency row is gone, none). */
async function mailboxCoverage(db: Db, ownCode: string | undefined): Promise<Coverage> {
  if (ownCode === '') return { agencies: [], total: { staff: 0, active_mailboxes: 0, covered_pct: 0, never_logged_in: 0, suspended: 0 } };
  // Imported here, not at the top: services/provisioning brings the credential PDFs and their fonts, which the
  // other metrics reads (`govmail metrics`, the reports) never need.
  const { coverage } = await import('../provisioning/index.js');
  return coverage(db, ownCode ? { agencyCode: ownCode } : {});
}

export async function dashboard(db: Db, actor: Principal, q: DashboardQuery = {}): Promise<Dashboard> {
  const access = await metricsAccess(db, actor, q.agencyCode);
  await refreshRollups(db);
  const range = dayRangeOf(q);
  const { report, overdueByDay } = await responseMetricsWithOverdue(db, { ...q, agencyIds: access.agencyIds, weeks: !range, skipRefresh: true });
  const now = new Date(report.as_of);
  const agencyRows = await db.models.Agency.findAll({ attributes: ['id', 'code', 'name'], raw: true });
  // every agency named when none is chosen: the rollups' keys start with the agency (response-metrics.ts)
  const ids = access.agency ? [access.agency.id] : access.agencyIds ?? agencyRows.map((a) => a.id);
  const toDay = q.to ? localDate(new Date(q.to.getTime() - 1)) : undefined;
  const names = new Map(agencyRows.map((a) => [a.id, { code: a.code, name: a.name }]));

  let weeks: TrendPoint[];
  if (range) {
    // the report summed the months, so it counted the overdue open tickets by day: the same as the trend needs.
    // A report without them (recomputed from events) would draw every week with fewer late tickets than it had.
    if (!overdueByDay) throw new Error('metrics dashboard: the report has no overdue counts by day for the weekly trend (not summed from the rollups)');
    const byWeek = new Map((await weekCounts(db, range, ids)).map((w) => [w.week, w]));
    const overdue = new Map<string, number>();
    for (const [day, n] of overdueByDay) {
      const w = weekStart(new Date(`${day}T12:00:00+07:00`));
      overdue.set(w, (overdue.get(w) ?? 0) + n);
    }
    weeks = weekKeys(range, [...byWeek.keys()]).map((week) => {
      const c = byWeek.get(week);
      return { period: week, received: c?.received ?? 0, resolved: (c?.on_time ?? 0) + (c?.late ?? 0), late: (c?.late ?? 0) + (overdue.get(week) ?? 0) };
    });
  } else {
    weeks = report.weeks.map((w) => ({ period: w.week, received: w.received, resolved: w.resolved, late: w.late }));
  }
  const ownCode = access.agency?.code;
  return {
    from: report.from, to: report.to, as_of: report.as_of, source: report.source,
    percentile_error: report.source === 'rollups' ? { relative: SKETCH_RELATIVE_ERROR, absolute_hours: SKETCH_ABSOLUTE_ERROR_MINUTES / 60 } : null,
    agencies: report.agencies.map((a) => ({ ...a, breach_pct: breachOf(a).pct })),
    total: report.total,
    breach: breachOf(report.total),
    referrals: { referred: report.total.referred, within_target: report.total.referred_on_time, within_target_pct: pctOf(report.total.referred_on_time, report.total.referred) },
    aging: await agingOf(db, ids, toDay, localDate(now), names),
    trend: { weeks, months: report.months.map((m) => ({ period: m.month, received: m.received, resolved: m.resolved, late: m.late })) },
    categories: report.categories,
    classes: report.classes,
    hotlines: await hotlineHealth(db, ids, now),
    coverage: await mailboxCoverage(db, ownCode),
  };
}
