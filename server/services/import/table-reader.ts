// The one entry point for tabular imports (org chart, staff roster): CSV or XLSX in, header-keyed rows
// with spreadsheet row numbers out, so every later error can say "row 7, field agency_code".

import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { CsvSyntaxError, parseCsvRows } from './csv-table.js';
import { decodeText, startsWith } from './decode-text.js';
import { type Table, toTable } from './table-rows.js';
import { parseXlsxRows } from './xlsx-table.js';

export { validateColumns } from './columns.js';
export { normaliseHeader, type Table, type TableIssue, type TableRow } from './table-rows.js';

export type TableFormat = 'csv' | 'xlsx';

// A roster of a whole province is well under 1 MB; the cap stops a wrong upload from filling memory.
export const TABLE_MAX_BYTES = 20 * 1024 * 1024;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // every .xlsx is a zip
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]; // legacy .xls (BIFF), which exceljs cannot read

export class TableReadError extends Error {
  constructor(
    message: string,
    /** Row the problem is at, when it is at one row (a broken CSV quote). */
    readonly row?: number,
  ) {
    super(message);
    this.name = 'TableReadError';
  }
}

/** The bytes decide (HR renames files); the name only sharpens the error when they disagree. */
export function detectFormat(bytes: Uint8Array, fileName = ''): TableFormat {
  const extension = extname(fileName).toLowerCase();
  if (startsWith(bytes, ZIP_MAGIC)) return 'xlsx';
  if (startsWith(bytes, OLE_MAGIC)) {
    throw new TableReadError('this is an old Excel 97–2003 (.xls) file; save it as .xlsx or CSV UTF-8 and import again');
  }
  if (extension === '.xlsx' || extension === '.xlsm') {
    throw new TableReadError(`${fileName} is named ${extension} but is not an Excel workbook`);
  }
  return 'csv';
}

/** Parses file contents already in memory (a web upload); `fileName` is only used in messages. */
export async function parseTable(bytes: Uint8Array, fileName = ''): Promise<Table> {
  if (bytes.byteLength > TABLE_MAX_BYTES) {
    throw new TableReadError(`file is larger than ${TABLE_MAX_BYTES / 1024 / 1024} MB`);
  }
  if (detectFormat(bytes, fileName) === 'xlsx') {
    try {
      return toTable(await parseXlsxRows(bytes));
    } catch (error) {
      throw new TableReadError(`cannot read the Excel workbook: ${(error as Error).message}`);
    }
  }
  try {
    return toTable(parseCsvRows(decodeText(bytes).text));
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new TableReadError(error.message, error.row);
    throw error;
  }
}

export async function readTable(path: string): Promise<Table> {
  return parseTable(await readFile(path), path);
}
