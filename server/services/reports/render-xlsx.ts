// The report as XLSX: one sheet per table (agencies, categories) with the Vietnamese header in row 1 so it can be
// read back by machine, a total row last, and an "about" sheet with the period, scope and as-of time.
import ExcelJS from 'exceljs';
import type { Locale } from '../../i18n/index.js';
import { t } from '../../i18n/index.js';
import type { PeriodReport } from './content.js';
import { asOfText, periodLabel, reportTables, scopeLabel, type ReportTable } from './tables.js';

/** Excel refuses sheet names over 31 characters or with []:*?/\ */
const sheetName = (s: string) => s.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

function addTable(book: ExcelJS.Workbook, table: ReportTable): void {
  const sheet = book.addWorksheet(sheetName(table.title));
  sheet.addRow(table.headers).font = { bold: true };
  for (const r of table.rows) sheet.addRow(r);
  sheet.addRow(table.total).font = { bold: true };
  sheet.getColumn(1).width = 45;
  for (let i = 2; i <= table.headers.length; i++) sheet.getColumn(i).width = 16;
}

export async function reportXlsx(r: PeriodReport, locale: Locale = 'vi'): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.title = `${t(locale, 'reports.title')} — ${periodLabel(r.period, locale)}`;
  const tables = reportTables(r, locale);
  addTable(book, tables.agencies);
  addTable(book, tables.categories);
  const info = book.addWorksheet(sheetName(t(locale, 'reports.sheet.info')));
  info.addRow([t(locale, 'reports.title')]).font = { bold: true };
  info.addRow([t(locale, 'reports.info.period'), periodLabel(r.period, locale), r.period.first, r.period.last]);
  info.addRow([t(locale, 'reports.info.scope'), scopeLabel(r, locale)]);
  info.addRow([t(locale, 'reports.info.as_of'), asOfText(r, locale)]);
  info.addRow([t(locale, 'reports.note')]);
  info.getColumn(1).width = 24;
  return Buffer.from(await book.xlsx.writeBuffer());
}
