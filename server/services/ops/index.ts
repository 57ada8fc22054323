// Operations: what an operator watches (Prometheus figures, readiness) and what the watchdog alerts on.
export { createOpsMetrics, expireProcessRows, observeHttpRequest, observePollDuration, startMetricsPublishing } from './prom-metrics.js';
export { readiness } from './readiness.js';
export { reconcileGapsAlert, runWatchdog } from './watchdog.js';
