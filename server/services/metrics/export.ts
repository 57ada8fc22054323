// Exports with no row cap: every ticket of the report, streamed out page by page as CSV or XLSX (exceljs's
// streaming writer), plus, in XLSX, a summary sheet per agency. Backpressure is honoured, so the memory
// used does not grow with the number of rows. A worksheet holds at most 1,048,576 rows (Excel's limit), so
// the tickets continue on "tickets 2", "tickets 3"… each with its own header row.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/index.js';
import { groupedAccumulator, type GroupMetrics } from './aggregate.js';
import { EXPORT_COLUMNS, csvLine, exportRow } from './export-rows.js';
import { resolveScope, type MetricsQuery } from './scope.js';
import { streamTicketFacts } from './ticket-stream.js';

export type ExportFormat = 'csv' | 'xlsx';

/** Excel's rows per worksheet, header included. */
export const XLSX_SHEET_ROW_LIMIT = 1_048_576;

export interface ExportOptions {
  /** rows per ticket sheet, header included (tests pass a small one to see the split); default XLSX_SHEET_ROW_LIMIT */
  sheetRowLimit?: number;
}

/** The n-th ticket sheet's name (1-based): "tickets", "tickets 2", … */
export const ticketSheetName = (n: number) => (n === 1 ? 'tickets' : `tickets ${n}`);

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

const SUMMARY_COLUMNS: (keyof GroupMetrics)[] = [
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
  let rows = 0;
  if (format === 'csv') {
    await write(out, csvLine([...EXPORT_COLUMNS]));
    for await (const f of facts) {
      await write(out, csvLine(exportRow(f, codeOf(f.ticket.agencyId))));
      rows += 1;
    }
    out.end();
    await once(out, 'finish');
    return { rows };
  }
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  let sheets = 0;
  let sheet: ExcelJS.Worksheet | null = null;
  let inSheet = 0; // rows in the current sheet, header included
  const nextSheet = () => {
    sheet?.commit();
    sheet = book.addWorksheet(ticketSheetName((sheets += 1)));
    sheet.addRow([...EXPORT_COLUMNS]).commit();
    inSheet = 1;
    return sheet;
  };
  nextSheet();
  const perAgency = groupedAccumulator((f) => f.ticket.agencyId);
  for await (const f of facts) {
    const target: ExcelJS.Worksheet = inSheet >= sheetRowLimit ? nextSheet() : sheet!;
    target.addRow(exportRow(f, codeOf(f.ticket.agencyId))).commit();
    inSheet += 1;
    perAgency.add(f);
    rows += 1;
  }
  (sheet as ExcelJS.Worksheet | null)?.commit();
  const summary = book.addWorksheet('agencies');
  summary.addRow(['agency', 'agency_name', ...SUMMARY_COLUMNS]).commit();
  for (const id of perAgency.keys().sort((a, b) => codeOf(a).localeCompare(codeOf(b)))) {
    const m = perAgency.result(id);
    summary.addRow([codeOf(id), scope.agencies.get(id)?.name ?? '', ...SUMMARY_COLUMNS.map((c) => m[c])]).commit();
  }
  summary.commit();
  await book.commit();
  return { rows, sheets };
}
