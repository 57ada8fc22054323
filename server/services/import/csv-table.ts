// CSV text → raw rows numbered the way a spreadsheet numbers them: one row per record, blank lines
// included, so a quoted multi-line address still leaves "row 7" pointing where Excel shows row 7.

import { CsvError, parse } from 'csv-parse/sync';
import type { RawRow } from './table-rows.js';
import { checkRowLimits, MAX_CSV_RECORD_CHARS, MAX_ROWS, TableReadError } from './table-limits.js';

const CANDIDATE_DELIMITERS = [',', ';', '\t'] as const;

/** Picks the delimiter that splits the header line most: Excel's "Unicode Text" is tab-separated, some locales use `;`. */
export function sniffDelimiter(text: string): string {
  const firstLine = firstNonBlankLine(text);
  let best: string = ',';
  let bestCount = 0;
  for (const delimiter of CANDIDATE_DELIMITERS) {
    let count = 0;
    for (let at = firstLine.indexOf(delimiter); at >= 0; at = firstLine.indexOf(delimiter, at + 1)) count++;
    if (count > bestCount) [best, bestCount] = [delimiter, count];
  }
  return best;
}

/** Line by line, without splitting the whole text (a file of millions of blank lines would become millions of strings). */
function firstNonBlankLine(text: string): string {
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end);
    if (line.trim() !== '') return line;
    start = end + 1;
  }
  return '';
}

/** CSV records as spreadsheet rows; stops reading past MAX_ROWS, and checks each row against the limits. */
export function parseCsvRows(text: string): RawRow[] {
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: sniffDelimiter(text),
      relax_column_count: true, // ragged rows are reported per row by toTable, not as a file failure
      skip_empty_lines: false, // keep blank lines so record numbers equal spreadsheet row numbers
      to: MAX_ROWS + 1, // one past the limit is enough to refuse the file, and no more is held in memory
      max_record_size: MAX_CSV_RECORD_CHARS,
    }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) {
      // csv-parse counts finished records; the broken one is the next.
      const row = ((error as CsvError & { records?: number }).records ?? 0) + 1;
      if (error.code === 'CSV_MAX_RECORD_SIZE') {
        throw new TableReadError('row_too_long', `row ${row} is longer than ${MAX_CSV_RECORD_CHARS} characters`, { row, limit: MAX_CSV_RECORD_CHARS }, row);
      }
      throw new TableReadError('csv_syntax', `row ${row}: ${error.message}`, { row, detail: error.message }, row);
    }
    throw error;
  }
  return records.map((cells, index) => {
    checkRowLimits(index + 1, cells);
    return { row: index + 1, cells };
  });
}
