// Leaders' metrics: response and resolution in working time, per agency, category and week, and exports.
export { responseMetrics } from './response-metrics.js';
export type { AgencyMetrics, CategoryMetrics, MetricsReport, WeekMetrics } from './response-metrics.js';
export { MetricsInputError } from './scope.js';
export type { MetricsQuery } from './scope.js';
export { exportMetrics } from './export.js';
export type { ExportFormat } from './export.js';
export type { GroupMetrics } from './aggregate.js';
export { PeriodError, parseBound, weekStart } from './report-period.js';
export { percentile, median, toHours } from './percentile.js';
export { ticketFacts, FINAL_STATUSES } from './ticket-facts.js';
export type { TicketFacts, Outcome } from './ticket-facts.js';
