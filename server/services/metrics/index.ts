// Leaders' metrics: response and resolution in working time, per agency, category, class, month and week,
// the rollups that keep them fast, and exports.
export type { GroupMetrics } from './aggregate.js';
export { AGING_BUCKETS } from './backlog-aging.js';
export { MetricsForbiddenError, metricsAccess, metricsAgencyChoices } from './dashboard-access.js';
export { dashboard } from './dashboard.js';
export type { Dashboard, TrendPoint } from './dashboard.js';
export { CSV_BOM, exportMetrics, SUMMARY_COLUMNS } from './export.js';
export { EXPORT_COLUMNS } from './export-rows.js';
export { monthOnTime } from './month-on-time.js';
export { inboxTrouble } from './hotline-health.js';
export type { HotlineHealth } from './hotline-health.js';
export type { MonthOnTime } from './month-on-time.js';
export type { ExportFormat } from './export.js';
export type { ExportLabels } from './export-rows.js';
export { localDate, parseBound, PeriodError } from './report-period.js';
export { responseMetrics } from './response-metrics.js';
export type { AgencyMetrics } from './response-metrics.js';
export { rebuildRollups, RollupBusyError } from './rollup/rebuild.js';
export { refreshRollups } from './rollup/refresh.js';
export { verifyRollups } from './rollup/verify.js';
export { MetricsInputError } from './scope.js';
export type { MetricsQuery } from './scope.js';
export { csvLine } from './export-rows.js';
