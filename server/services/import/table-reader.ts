// The one entry point for tabular imports (org chart, staff roster): CSV or XLSX in, header-keyed rows
// with spreadsheet row numbers out, so every later error can say "row 7, field agency_code".

import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseCsvRows } from './csv-table.js';
import { decodeText, startsWith } from './decode-text.js';
import { mebibytes, TABLE_MAX_BYTES, TableReadError } from './table-limits.js';
import { type Table, toTable } from './table-rows.js';
import { parseXlsxRows } from './xlsx-table.js';
import { checkZipDirectory, checkZipInflation } from './zip-directory.js';

export { validateColumns } from './columns.js';
export { normaliseHeader, type Table, type TableIssue, type TableRow } from './table-rows.js';
export { TABLE_MAX_BYTES, TableReadError, type TableReadErrorId } from './table-limits.js';

export type TableFormat = 'csv' | 'xlsx';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // every .xlsx is a zip
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]; // legacy .xls (BIFF), which exceljs cannot read
// Files people pick by mistake instead of the roster: read as CSV, a PDF printed binary garbage into the error
// list as "unknown column" (issue 15 item 3), so they are named and refused before any parsing.
const NOT_TABLE_MAGIC: readonly { kind: string; magic: readonly number[] }[] = [
  { kind: 'PDF', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { kind: 'PNG', magic: [0x89, 0x50, 0x4e, 0x47] },
  { kind: 'JPEG', magic: [0xff, 0xd8, 0xff] },
  { kind: 'GIF', magic: [0x47, 0x49, 0x46, 0x38] },
  { kind: 'RTF', magic: [0x7b, 0x5c, 0x72, 0x74, 0x66] }, // {\rtf
];
/** C0 control characters other than tab, CR, LF: a text table's header row never holds one. */
const CONTROL_BYTE = (b: number): boolean => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d;

/** The bytes decide (HR renames files); the name only sharpens the error when they disagree. */
export function detectFormat(bytes: Uint8Array, fileName = ''): TableFormat {
  const extension = extname(fileName).toLowerCase();
  if (startsWith(bytes, ZIP_MAGIC)) return 'xlsx';
  if (startsWith(bytes, OLE_MAGIC)) {
    throw new TableReadError('xls', 'this is an old Excel 97–2003 (.xls) file; save it as .xlsx or CSV UTF-8 and import again');
  }
  const known = NOT_TABLE_MAGIC.find((m) => startsWith(bytes, m.magic));
  if (known || binaryFirstLine(bytes)) {
    const kind = known?.kind ?? '';
    throw new TableReadError('not_table', `${fileName || 'the file'} is ${kind ? `a ${kind} file` : 'binary'}, not a CSV or XLSX table`,
      { name: fileName, kind });
  }
  if (extension === '.xlsx' || extension === '.xlsm') {
    throw new TableReadError('not_xlsx', `${fileName} is named ${extension} but is not an Excel workbook`, { name: fileName });
  }
  return 'csv';
}

/** A control byte in the first line (the header row) of a file without a UTF-16 BOM: no text table starts so. */
function binaryFirstLine(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return false;
  for (let i = 0; i < Math.min(bytes.length, 4096); i++) {
    const b = bytes[i]!;
    if (b === 0x0a) return false;
    if (CONTROL_BYTE(b)) return true;
  }
  return false;
}

/**
 * The refusals that need no parsing: size, format, and for a workbook the unzipped sizes its zip directory
 * states. Cheap (no inflating), so a web process runs it on its own thread before handing the file on.
 */
export function checkTableBytes(bytes: Uint8Array, fileName = ''): TableFormat {
  if (bytes.byteLength > TABLE_MAX_BYTES) {
    throw new TableReadError('too_large', `file is larger than ${mebibytes(TABLE_MAX_BYTES)} MB`, { limit: mebibytes(TABLE_MAX_BYTES) });
  }
  const format = detectFormat(bytes, fileName);
  if (format === 'xlsx') checkZipDirectory(bytes);
  return format;
}

/** Parses file contents already in memory; `fileName` is only used in messages. A web upload goes through
 * parseTableOffThread (parse-thread.ts) instead, which runs this on a thread of its own. */
export async function parseTable(bytes: Uint8Array, fileName = ''): Promise<Table> {
  if (checkTableBytes(bytes, fileName) === 'xlsx') {
    checkZipInflation(bytes);
    try {
      return toTable(await parseXlsxRows(bytes));
    } catch (error) {
      if (error instanceof TableReadError) throw error;
      throw new TableReadError('xlsx_unreadable', `cannot read the Excel workbook: ${(error as Error).message}`, { detail: (error as Error).message });
    }
  }
  return toTable(parseCsvRows(decodeText(bytes).text));
}

export async function readTable(path: string): Promise<Table> {
  return parseTable(await readFile(path), path);
}
