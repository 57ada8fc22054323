// The leader's home (issue 15 item 7): this month's on-time rate in the leader's scope, from the same report
// as the dashboard (responseMetrics over the rollups), so the two never disagree.
import type { Db } from '../../db/index.js';
import type { Principal } from '../auth/index.js';
import { metricsAccess } from './dashboard-access.js';
import { pctOf } from './dashboard.js';
import { localDate, parseBound } from './report-period.js';
import { responseMetrics } from './response-metrics.js';

export interface MonthOnTime {
  /** the local month, YYYY-MM */
  month: string;
  /** the dashboard's link for the month so far */
  from: string;
  to: string;
  received: number;
  on_time: number;
  /** resolved late or open past due (the dashboard's "late") */
  late: number;
  /** on_time / (on_time + late) in %, one decimal; null while nothing is judged */
  pct: number | null;
}

export async function monthOnTime(db: Db, actor: Principal, now: Date): Promise<MonthOnTime> {
  const access = await metricsAccess(db, actor);
  const today = localDate(now);
  const from = `${today.slice(0, 7)}-01`;
  const report = await responseMetrics(db, { from: parseBound(from, 'from'), to: parseBound(today, 'to'), agencyIds: access.agencyIds });
  const { received, on_time, late } = report.total;
  return { month: today.slice(0, 7), from, to: today, received, on_time, late, pct: pctOf(on_time, on_time + late) };
}
