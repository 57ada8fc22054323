// govmail metrics:rebuild: throws the rollups away and computes them again from every ticket's events (after a
// calendar change, which moves working minutes in the past, or when metrics:verify finds a difference).
// While it runs the state row says busy, and the catch-up waits; the watermarks are read first, so whatever is
// written during the rebuild is caught up after it.
import { Op, QueryTypes } from 'sequelize';
import type { Db } from '../../../db/index.js';
import { inTransaction } from '../../../db/index.js';
import type { MetricFactAttrs } from '../../../db/models/metrics.js';
import { insertRows } from '../../../db/insert-rows.js';
import { dayRows, monthRows, weekRows, yearRows } from './cells.js';
import { recomputedFacts } from './recompute.js';
import { readDayRows, readFacts } from './store.js';

const REBUILD_LEASE_MS = 6 * 60 * 60_000;
const INSERT_BATCH = 5_000;

export class RollupBusyError extends Error {}

export interface RebuildResult { tickets: number; day_rows: number; week_rows: number; month_rows: number; year_rows: number; seconds: number }

async function maxId(db: Db, table: string): Promise<number> {
  const [row] = await db.sequelize.query<{ m: number | null }>(`SELECT MAX(id) AS m FROM ${table}`, { type: QueryTypes.SELECT });
  return Number(row?.m ?? 0);
}

export async function rebuildRollups(db: Db, opts: { onProgress?: (tickets: number) => void } = {}): Promise<RebuildResult> {
  const started = Date.now();
  const { MetricRollupState, MetricFact, MetricDayRollup, MetricWeekRollup, MetricMonthRollup, MetricYearRollup } = db.models;
  const now = new Date();
  const marks = await inTransaction(db.sequelize, async () => {
    const [claimed] = await MetricRollupState.update({ busy_until: new Date(now.getTime() + REBUILD_LEASE_MS) },
      { where: { id: 1, [Op.or]: [{ busy_until: null }, { busy_until: { [Op.lt]: now } }] } });
    if (claimed !== 1) throw new RollupBusyError('another metrics:rebuild is running');
    return { tickets: await maxId(db, 'tickets'), events: await maxId(db, 'ticket_events') };
  });
  try {
    await inTransaction(db.sequelize, async () => {
      await MetricYearRollup.destroy({ where: {} });
      await MetricMonthRollup.destroy({ where: {} });
      await MetricWeekRollup.destroy({ where: {} });
      await MetricDayRollup.destroy({ where: {} });
      await MetricFact.destroy({ where: {} });
    });
    let tickets = 0;
    let pending: MetricFactAttrs[] = [];
    const flush = async () => {
      const rows = pending;
      pending = [];
      await inTransaction(db.sequelize, () => insertRows(MetricFact, rows));
    };
    for await (const f of recomputedFacts(db)) {
      pending.push(f);
      tickets += 1;
      if (pending.length >= INSERT_BATCH) {
        await flush();
        opts.onProgress?.(tickets);
      }
    }
    await flush();
    let dayCount = 0;
    let weekCount = 0;
    let monthCount = 0;
    let yearCount = 0;
    const agencies = await db.sequelize.query<{ agency_id: number }>('SELECT DISTINCT agency_id FROM metric_ticket_facts', { type: QueryTypes.SELECT });
    for (const { agency_id: agencyId } of agencies) {
      const days = dayRows(await readFacts(db, { agency_id: agencyId }));
      await inTransaction(db.sequelize, () => insertRows(MetricDayRollup, days));
      const stored = await readDayRows(db, { agency_id: agencyId });
      const weeks = weekRows(stored);
      const months = monthRows(stored);
      const years = yearRows(months);
      await inTransaction(db.sequelize, async () => {
        await insertRows(MetricWeekRollup, weeks);
        await insertRows(MetricMonthRollup, months);
        await insertRows(MetricYearRollup, years);
      });
      dayCount += days.length;
      weekCount += weeks.length;
      monthCount += months.length;
      yearCount += years.length;
    }
    await MetricRollupState.update({
      last_ticket_id: marks.tickets, last_event_id: marks.events, ticket_gap_since: null, event_gap_since: null, busy_until: null, refreshed_at: new Date(),
    }, { where: { id: 1 } });
    return { tickets, day_rows: dayCount, week_rows: weekCount, month_rows: monthCount, year_rows: yearCount, seconds: Math.round((Date.now() - started) / 100) / 10 };
  } catch (e) {
    await MetricRollupState.update({ busy_until: null }, { where: { id: 1 } });
    throw e;
  }
}
