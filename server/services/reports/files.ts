// A report as a file (PDF or XLSX) with its name: what the CLI writes, /metrics serves and the schedule attaches.
import type { Db } from '../../db/index.js';
import type { Principal } from '../auth/index.js';
import type { Locale } from '../../i18n/index.js';
import { buildPeriodReport, type PeriodReport } from './content.js';
import type { ReportPeriod } from './period.js';
import { reportPdf } from './render-pdf.js';
import { reportXlsx } from './render-xlsx.js';

export type ReportFormat = 'pdf' | 'xlsx';
export const REPORT_FORMATS: readonly ReportFormat[] = ['pdf', 'xlsx'];
export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface ReportFile { filename: string; contentType: string; content: Buffer }

/** bao-cao-2026-11-toan-tinh.pdf, bao-cao-2026-Q3-SOYTE.xlsx: ASCII, so every mail client and browser keeps it */
export const reportFilename = (r: Pick<PeriodReport, 'period' | 'agency'>, format: ReportFormat) =>
  `bao-cao-${r.period.key}-${r.agency ? r.agency.code.replace(/[^A-Za-z0-9_-]/g, '_') : 'toan-tinh'}.${format}`;

export async function renderReport(r: PeriodReport, format: ReportFormat, locale: Locale = 'vi'): Promise<ReportFile> {
  const content = format === 'pdf' ? await reportPdf(r, locale) : await reportXlsx(r, locale);
  return { filename: reportFilename(r, format), contentType: REPORT_CONTENT_TYPES[format], content };
}

/** The report of a period over the actor's scope (dashboard-access.ts decides it), as one file. */
export async function reportFile(db: Db, actor: Principal, period: ReportPeriod, format: ReportFormat, agencyCode?: string): Promise<ReportFile> {
  return renderReport(await buildPeriodReport(db, actor, period, agencyCode), format);
}
