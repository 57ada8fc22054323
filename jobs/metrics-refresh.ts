// Keeps the leaders' metrics rollups caught up with ticket events (server/services/metrics/rollup/refresh.ts).
// Safe to run again or at once with the dashboard's own refresh: batches lock the state row and recompute whole.
import type { JobHandler } from './registry.js';
import { refreshRollups } from '../server/services/metrics/index.js';

export const metricsRefreshJob: JobHandler = async (_payload, ctx) => {
  const r = await refreshRollups(ctx.db);
  if (r.changed) ctx.log.info({ event: 'metrics.refresh', tickets: r.tickets, changed: r.changed, batches: r.batches }, 'metrics rollups caught up');
};
