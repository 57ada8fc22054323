import type { JobHandler } from './registry.js';
import { expireProcessRows } from '../server/services/ops/index.js';

/** Every 5 minutes: the process_metrics rows of processes gone for 15 minutes are folded into '(retired)', so the
 *  table keeps one row per live process and metric and the scrape's sums never fall (services/ops/process-metrics.ts). */
export const metricsExpireJob: JobHandler = async (_payload, { db, log }) => {
  const folded = await expireProcessRows(db, new Date());
  if (folded) log.info({ event: 'ops.metrics.expired', rows: folded });
};
