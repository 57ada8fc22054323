// Operations: what an operator watches (Prometheus figures, readiness) and what the watchdog alerts on.
export { createOpsMetrics, observeHttpRequest } from './prom-metrics.js';
export type { OpsMetrics } from './prom-metrics.js';
export { readiness } from './readiness.js';
export type { Readiness } from './readiness.js';
export { runWatchdog, watchdogConditions, WATCHDOG_PERIOD_MS } from './watchdog.js';
export { inboxHealth, jobLag, outboxDepth, JOB_LAG_LIMIT_MS, LEASE_GRACE_MS } from './ops-state.js';
export type { InboxHealth } from './ops-state.js';
