// The weekly trend's counts straight from the day rollups, summed by the database (GROUP BY week): the trend
// needs no percentiles, so no sketch is read and a year of weeks costs one small result set.
import { Op, fn, col } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { DayRange } from './rollup/report.js';

export interface WeekCounts { week: string; received: number; on_time: number; late: number; open: number; referred: number }

export async function weekCounts(db: Db, range: DayRange, agencyIds: readonly number[] | undefined): Promise<WeekCounts[]> {
  const day: Record<symbol, string> = {};
  if (range.from) day[Op.gte] = range.from;
  if (range.to) day[Op.lte] = range.to;
  const rows = await db.models.MetricDayRollup.findAll({
    attributes: ['week', ...(['received', 'on_time', 'late', 'open', 'referred'] as const).map((c) => [fn('SUM', col(c)), c] as [ReturnType<typeof fn>, string])],
    where: { ...(agencyIds ? { agency_id: { [Op.in]: [...agencyIds] } } : {}), ...(Object.getOwnPropertySymbols(day).length ? { day } : {}) },
    group: ['week'], raw: true,
  }) as unknown as Record<keyof WeekCounts, string | number>[];
  return rows.map((r) => ({
    week: String(r.week), received: Number(r.received), on_time: Number(r.on_time), late: Number(r.late), open: Number(r.open), referred: Number(r.referred),
  }));
}
