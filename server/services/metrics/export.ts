// Exports with no row cap: every ticket of the report, streamed out page by page as CSV or XLSX (exceljs's
// streaming writer), plus, in XLSX, a summary sheet per agency. Backpressure is honoured, so the memory
// used does not grow with the number of rows. A worksheet holds at most 1,048,576 rows (Excel's limit), so
// the tickets continue on "tickets 2", "tickets 3"… each with its own header row.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Worksheet } from 'exceljs';
import type { Db } from '../../db/index.js';
import { groupedAccumulator, type GroupMetrics } from './aggregate.js';
import { EXPORT_COLUMNS, EXPORT_WIDTHS, csvLine, exportRow, labelledRow, type ExportLabels } from './export-rows.js';
import { resolveScope, type MetricsQuery } from './scope.js';
import { streamTicketFacts } from './ticket-stream.js';

export type ExportFormat = 'csv' | 'xlsx';

/** Excel's rows per worksheet, header included. */
export const XLSX_SHEET_ROW_LIMIT = 1_048_576;

export interface ExportOptions {
  /** rows per ticket sheet, header included (tests pass a small one to see the split); default XLSX_SHEET_ROW_LIMIT */
  sheetRowLimit?: number;
  /** the people's export (the web's): headers and values in words, a BOM on the CSV (Excel then reads UTF-8),
   *  and in XLSX date cells, column widths and a frozen header row. Absent: machine keys (the CLI's). */
  labels?: ExportLabels;
}

/** Excel reads a CSV as UTF-8 only when it starts with a byte order mark; without it Vietnamese turns to mojibake. */
export const CSV_BOM = '\uFEFF';
const DATE_FORMAT = 'dd/mm/yyyy hh:mm';
const DATE_COLUMNS = new Set(['received_at', 'due_at', 'first_response_at', 'resolved_at']);

/** The n-th ticket sheet's name (1-based): "tickets", "tickets 2", … */
export const ticketSheetName = (n: number) => (n === 1 ? 'tickets' : `tickets ${n}`);

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

export const SUMMARY_COLUMNS: (keyof GroupMetrics)[] = [
  'received', 'resolved', 'on_time', 'late', 'open', 'overdue_open', 'referred',
  'first_response_median_hours', 'first_response_p90_hours', 'resolution_median_hours', 'resolution_p90_hours',
];

/** Writes the export to `out` and ends it; resolves with the number of ticket rows. */
export async function exportMetrics(db: Db, q: MetricsQuery, format: ExportFormat, out: Writable, opts: ExportOptions = {}): Promise<{ rows: number; sheets?: number }> {
  const sheetRowLimit = opts.sheetRowLimit ?? XLSX_SHEET_ROW_LIMIT;
  if (!Number.isInteger(sheetRowLimit) || sheetRowLimit < 2) throw new RangeError(`sheetRowLimit must be a whole number of at least 2, not ${sheetRowLimit}`);
  const scope = await resolveScope(db, q);
  const codeOf = (id: number) => scope.agencies.get(id)?.code ?? String(id);
  const facts = streamTicketFacts(db, scope.filter, scope.asOf, scope.calendarOf);
  const labels = opts.labels;
  const rowOf = (f: Parameters<typeof exportRow>[0], dates: 'cells' | 'text') =>
    (labels ? labelledRow(f, codeOf(f.ticket.agencyId), labels, dates) : exportRow(f, codeOf(f.ticket.agencyId)));
  const header = labels ? [...labels.headers] : [...EXPORT_COLUMNS];
  let rows = 0;
  if (format === 'csv') {
    await write(out, (labels ? CSV_BOM : '') + csvLine(header));
    for await (const f of facts) {
      await write(out, csvLine(rowOf(f, 'text')));
      rows += 1;
    }
    out.end();
    await once(out, 'finish');
    return { rows };
  }
  // Loaded here, not at the top: it is a large part of a CLI command's start-up, and a CSV export never needs it.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: Boolean(labels), useSharedStrings: false });
  // The people's sheets: the header row stays in view while scrolling, columns fit their content, dates are dates.
  const sheetOptions = labels ? { views: [{ state: 'frozen' as const, ySplit: 1 }] } : {};
  const shape = (s: Worksheet, widths: readonly number[], dateKeys: readonly string[] = []) => {
    if (!labels) return;
    s.columns = widths.map((width, i) => ({ width, ...(dateKeys[i] && DATE_COLUMNS.has(dateKeys[i]) ? { style: { numFmt: DATE_FORMAT } } : {}) }));
  };
  const addHeader = (s: Worksheet, values: string[]) => {
    const row = s.addRow(values);
    if (labels) row.font = { bold: true };
    row.commit();
  };
  let sheets = 0;
  let sheet: Worksheet | null = null;
  let inSheet = 0; // rows in the current sheet, header included
  const nextSheet = () => {
    sheet?.commit();
    sheets += 1;
    sheet = book.addWorksheet(labels ? (sheets === 1 ? labels.ticketSheet : `${labels.ticketSheet} ${sheets}`) : ticketSheetName(sheets), sheetOptions);
    shape(sheet, EXPORT_WIDTHS, EXPORT_COLUMNS);
    addHeader(sheet, header);
    inSheet = 1;
    return sheet;
  };
  nextSheet();
  const perAgency = groupedAccumulator((f) => f.ticket.agencyId);
  for await (const f of facts) {
    const target: Worksheet = inSheet >= sheetRowLimit ? nextSheet() : sheet!;
    target.addRow(rowOf(f, 'cells')).commit();
    inSheet += 1;
    perAgency.add(f);
    rows += 1;
  }
  (sheet as Worksheet | null)?.commit();
  const summary = book.addWorksheet(labels?.summarySheet ?? 'agencies', sheetOptions);
  shape(summary, [12, 40, ...SUMMARY_COLUMNS.map(() => 14)]);
  addHeader(summary, labels ? [...labels.summaryHeaders] : ['agency', 'agency_name', ...SUMMARY_COLUMNS]);
  for (const id of perAgency.keys().sort((a, b) => codeOf(a).localeCompare(codeOf(b)))) {
    const m = perAgency.result(id);
    summary.addRow([codeOf(id), scope.agencies.get(id)?.name ?? '', ...SUMMARY_COLUMNS.map((c) => m[c])]).commit();
  }
  summary.commit();
  await book.commit();
  return { rows, sheets };
}
