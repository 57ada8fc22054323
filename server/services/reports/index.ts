// Periodic reports (issue 16): monthly, quarterly and half-yearly, PDF and XLSX, from the leaders' dashboard, and
// the schedule that mails them to each scope's leaders once per period.
export { buildPeriodReport } from './content.js';
export type { PeriodReport } from './content.js';
export { REPORT_CONTENT_TYPES, REPORT_FORMATS, renderReport, reportFile } from './files.js';
export type { ReportFile, ReportFormat } from './files.js';
export { lastFinishedPeriods, parseReportPeriod, periodBounds, PERIOD_KINDS, recentPeriods, ReportPeriodError } from './period.js';
export type { PeriodKind, ReportPeriod } from './period.js';
export { latePct, periodLabel, reportTables } from './tables.js';
export { enqueuePeriodReports, reportMailKey } from './schedule.js';
export type { ReportMailResult } from './schedule.js';
