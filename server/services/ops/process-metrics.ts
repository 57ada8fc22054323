// The table process_metrics (migration 0028): each govmail process's counters and histograms, so one scrape of any
// web process shows what every process counted. A process writes only its own rows (one per metric, keyed by its
// process id), and writes its whole figures since start each time, never an increment: a write that is lost or
// repeated changes nothing, and processes on different Galera nodes never write the same row.
// A process that stops writing (stopped, killed, its machine gone) keeps its rows until they are
// PROCESS_METRICS_EXPIRE_MS old; then the ops.metrics.expire job folds them into the rows of the process
// '(retired)', in one transaction, so the sum a scrape shows never falls (Prometheus would read a counter reset).
// A process that was only stalled that long finds its row gone at its next write and from then on writes what it
// counted since the fold (its `base`), so nothing is counted twice.
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import type { Db } from '../../db/index.js';
import { execWrite, inTransaction, withDbTimes } from '../../db/index.js';
import { conformBuckets, subtractMetric, sumMetrics, type MetricJson } from './metric-samples.js';

/** A row not written for this long belongs to a process that is gone (a live one writes every
 *  METRICS_PUBLISH_SECONDS, and before each scrape it answers). */
export const PROCESS_METRICS_EXPIRE_MS = 15 * 60_000;
/** The process id under which stopped processes' figures are kept. */
export const RETIRED_PROCESS = '(retired)';
/** This process: host, pid and a nonce, so a restart (or a pid reused) never writes into a predecessor's row. */
export const PROCESS_ID = `${os.hostname().slice(0, 90)}:${process.pid}:${randomBytes(4).toString('hex')}`;

type Row = { process: string; metric: string; state: string; updated_at: Date | string };

/** Writes one process's metrics to process_metrics; calls never overlap (a timer and a scrape may ask at once). */
export class MetricsPublisher {
  /** what the row holds now, as this process last wrote it */
  private readonly written = new Map<string, MetricJson>();
  /** what earlier rows of this process, folded into '(retired)' meanwhile, already hold */
  private readonly base = new Map<string, MetricJson>();
  private queue: Promise<unknown> = Promise.resolve();
  /** the updated_at of the last write (ms). Each write moves it on by at least 1 ms, so the UPDATE of a row that is
   *  there always changes it: MariaDB counts changed rows only (sequelize connects without FOUND_ROWS), and a row
   *  written again with the same figures at the same instant (a timer tick and a scrape together) would count 0,
   *  read as "folded meanwhile", and have this process subtract its own figures from then on. */
  private lastAt = 0;

  constructor(private readonly db: Db, private readonly source: () => Promise<MetricJson[]>, readonly processId = PROCESS_ID) {}

  /** Writes every metric's figures now; resolves when they are in the database. */
  publish(now = new Date()): Promise<void> {
    const run = this.queue.catch(() => undefined).then(() => this.write(now));
    this.queue = run;
    return run;
  }

  private async write(asked: Date): Promise<void> {
    const now = new Date(Math.max(asked.getTime(), this.lastAt + 1));
    this.lastAt = now.getTime();
    for (const live of await this.source()) {
      const m = live.name;
      let state = subtractMetric(live, this.base.get(m));
      const updated = await execWrite(this.db.sequelize, 'UPDATE process_metrics SET state = :state, updated_at = :now WHERE process = :process AND metric = :metric',
        { state: JSON.stringify(state), now, process: this.processId, metric: m });
      if (updated === 0) {
        // No row: the first write, or the row was folded into '(retired)' with what this process last wrote.
        const folded = this.written.get(m);
        if (folded) {
          this.base.set(m, sumMetrics([this.base.get(m), folded].filter((x): x is MetricJson => x !== undefined))!);
          this.written.delete(m);
          state = subtractMetric(live, this.base.get(m));
        }
        await this.db.sequelize.query('INSERT INTO process_metrics (process, metric, state, updated_at) VALUES (:process, :metric, :state, :now)',
          { replacements: withDbTimes(this.db.sequelize, { process: this.processId, metric: m, state: JSON.stringify(state), now }), type: QueryTypes.INSERT });
      }
      this.written.set(m, state);
    }
  }
}

/** Every row's figures by metric name (stale rows and '(retired)' included: what dead processes counted still
 *  counted), each histogram put on the bucket bounds of this release. */
export async function readProcessMetrics(db: Db, bounds: ReadonlyMap<string, readonly number[]>): Promise<Map<string, MetricJson[]>> {
  const rows = await db.sequelize.query<Pick<Row, 'metric' | 'state'>>('SELECT metric, state FROM process_metrics', { type: QueryTypes.SELECT });
  const out = new Map<string, MetricJson[]>();
  for (const r of rows) {
    const m = JSON.parse(r.state) as MetricJson;
    const b = bounds.get(r.metric);
    out.set(r.metric, [...(out.get(r.metric) ?? []), b ? conformBuckets(m, b) : m]);
  }
  return out;
}

/**
 * Folds the rows not written for PROCESS_METRICS_EXPIRE_MS into '(retired)' and deletes them, in one transaction
 * whose row locks (FOR UPDATE on MariaDB; SQLite's write lock) keep their owners' writes out meanwhile. Returns how
 * many rows were folded.
 */
export async function expireProcessMetrics(db: Db, now: Date, bounds: ReadonlyMap<string, readonly number[]>): Promise<number> {
  const forUpdate = db.sequelize.getDialect() === 'sqlite' ? '' : ' FOR UPDATE';
  return inTransaction(db.sequelize, async (transaction) => {
    const stale = await db.sequelize.query<Row>(`SELECT process, metric, state FROM process_metrics WHERE updated_at < :cutoff AND process <> :retired${forUpdate}`,
      { replacements: withDbTimes(db.sequelize, { cutoff: new Date(now.getTime() - PROCESS_METRICS_EXPIRE_MS), retired: RETIRED_PROCESS }), type: QueryTypes.SELECT, transaction });
    const byMetric = new Map<string, Row[]>();
    for (const r of stale) byMetric.set(r.metric, [...(byMetric.get(r.metric) ?? []), r]);
    for (const [metric, rows] of byMetric) {
      const [retired] = await db.sequelize.query<Pick<Row, 'state'>>(`SELECT state FROM process_metrics WHERE process = :retired AND metric = :metric${forUpdate}`,
        { replacements: { retired: RETIRED_PROCESS, metric }, type: QueryTypes.SELECT, transaction });
      const b = bounds.get(metric);
      const parts = [...(retired ? [retired] : []), ...rows].map((r) => JSON.parse(r.state) as MetricJson).map((m) => (b ? conformBuckets(m, b) : m));
      const replacements = { retired: RETIRED_PROCESS, metric, state: JSON.stringify(sumMetrics(parts)), now };
      if (retired) {
        await execWrite(db.sequelize, 'UPDATE process_metrics SET state = :state, updated_at = :now WHERE process = :retired AND metric = :metric', replacements, transaction);
      } else {
        await db.sequelize.query('INSERT INTO process_metrics (process, metric, state, updated_at) VALUES (:retired, :metric, :state, :now)',
          { replacements: withDbTimes(db.sequelize, replacements), type: QueryTypes.INSERT, transaction });
      }
      await execWrite(db.sequelize, 'DELETE FROM process_metrics WHERE metric = :metric AND process IN (:processes)',
        { metric, processes: rows.map((r) => r.process) }, transaction);
    }
    return stale.length;
  });
}
