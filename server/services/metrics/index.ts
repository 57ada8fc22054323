// Leaders' metrics: response and resolution in working time, per agency, category, class, month and week,
// the rollups that keep them fast, and exports.
export { responseMetrics } from './response-metrics.js';
export type { AgencyMetrics, CategoryMetrics, ClassMetrics, MetricsReport, MonthMetrics, WeekMetrics } from './response-metrics.js';
export { MetricsInputError } from './scope.js';
export type { MetricsQuery } from './scope.js';
export { exportMetrics, XLSX_SHEET_ROW_LIMIT, ticketSheetName } from './export.js';
export type { ExportFormat, ExportOptions } from './export.js';
export type { GroupMetrics } from './aggregate.js';
export { PeriodError, parseBound, weekStart } from './report-period.js';
export { percentile, median, toHours } from './percentile.js';
export { ticketFacts, FINAL_STATUSES } from './ticket-facts.js';
export type { TicketFacts, Outcome } from './ticket-facts.js';
export { refreshRollups } from './rollup/refresh.js';
export type { RefreshResult } from './rollup/refresh.js';
export { rebuildRollups, RollupBusyError } from './rollup/rebuild.js';
export type { RebuildResult } from './rollup/rebuild.js';
export { verifyRollups } from './rollup/verify.js';
export type { VerifyResult, RollupDifference } from './rollup/verify.js';
export { SKETCH_RELATIVE_ERROR, SKETCH_ABSOLUTE_ERROR_MINUTES } from './rollup/sketch.js';
export { dashboard, breachOf, pctOf } from './dashboard.js';
export type { Dashboard, DashboardQuery, Breach, TrendPoint, AgingRow } from './dashboard.js';
export { METRICS_ROLES, MetricsForbiddenError, metricsAccess } from './dashboard-access.js';
export { AGING_BUCKETS } from './backlog-aging.js';
export type { HotlineHealth, HotlineState } from './hotline-health.js';
