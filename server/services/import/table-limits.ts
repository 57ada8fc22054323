// What an imported table may be, and the error it gets when it is not. The limits keep one hostile or mistaken
// file (a zip bomb, a sheet of a million blank rows, a cell holding a whole document) from taking the memory and
// time of the process that reads it. A province roster is ~10,000 rows × 5 columns: 0.3 MB as XLSX, 2.6 MB
// unzipped; each limit leaves several times that.

/** Bytes of the file as uploaded or read from disk. */
export const TABLE_MAX_BYTES = 20 * 1024 * 1024;
/** Sum of the sizes the zip directory gives for an XLSX's parts once unzipped. exceljs holds the whole
 * workbook, at about 15 times its unzipped size, so this also bounds the parser's memory. */
export const MAX_UNZIPPED_BYTES = 16 * 1024 * 1024;
/** Parts in an XLSX zip (a workbook has a dozen or two). */
export const MAX_ZIP_ENTRIES = 1_000;
/** Last row number that may hold data, counting the header and blank rows as Excel does. */
export const MAX_ROWS = 50_000;
/** Cells in one row, empty ones included. */
export const MAX_COLUMNS = 50;
/** Characters in one cell (names, positions and addresses are far shorter). */
export const MAX_CELL_CHARS = 1_000;
/** Characters in one CSV record, checked while it is read, before it is split into cells. */
export const MAX_CSV_RECORD_CHARS = 64 * 1024;

export type TableReadErrorId =
  | 'too_large' | 'xls' | 'not_xlsx' | 'not_table' | 'xlsx_unreadable' | 'csv_syntax'
  | 'zip_broken' | 'zip_entries' | 'zip_method' | 'unzipped_too_large' | 'zip_mismatch'
  | 'too_many_rows' | 'too_many_columns' | 'cell_too_long' | 'row_too_long' | 'parse_timeout' | 'parse_memory';

/**
 * A file that cannot be read as a table. `id` is stable (tests, the web's i18n key `hr.err.table.<id>`),
 * `params` fill that message, and `message` says the same in English for the CLI and logs.
 */
export class TableReadError extends Error {
  override readonly name = 'TableReadError';
  constructor(
    readonly id: TableReadErrorId,
    message: string,
    readonly params: Record<string, string | number> = {},
    /** Row the problem is at, when it is at one row (a broken CSV quote). */
    readonly row?: number,
  ) {
    super(message);
  }
}

/** Bytes as MB for a message: whole numbers, with one decimal below 100 MB so "16.2 MB, at most 16 MB" still reads as more. */
export const mebibytes = (bytes: number): number => {
  const mb = bytes / 1024 / 1024;
  return mb >= 100 ? Math.round(mb) : Math.round(mb * 10) / 10;
};

/** Refuses a row past MAX_ROWS (blank or not: the reader stops there), wider than MAX_COLUMNS, or with a cell
 * longer than MAX_CELL_CHARS. */
export function checkRowLimits(row: number, cells: readonly string[]): void {
  if (row > MAX_ROWS) {
    throw new TableReadError('too_many_rows', `the file has more than ${MAX_ROWS} rows`, { limit: MAX_ROWS }, row);
  }
  if (cells.length > MAX_COLUMNS) {
    throw new TableReadError('too_many_columns', `row ${row} has ${cells.length} columns, at most ${MAX_COLUMNS}`, { row, count: cells.length, limit: MAX_COLUMNS }, row);
  }
  const long = cells.findIndex((cell) => cell.length > MAX_CELL_CHARS);
  if (long >= 0) {
    throw new TableReadError('cell_too_long', `row ${row}, column ${long + 1}: a cell is longer than ${MAX_CELL_CHARS} characters`,
      { row, column: long + 1, limit: MAX_CELL_CHARS }, row);
  }
}
