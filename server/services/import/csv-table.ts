// CSV text → raw rows numbered the way a spreadsheet numbers them: one row per record, blank lines
// included, so a quoted multi-line address still leaves "row 7" pointing where Excel shows row 7.

import { CsvError, parse } from 'csv-parse/sync';
import type { RawRow } from './table-rows.js';

const CANDIDATE_DELIMITERS = [',', ';', '\t'] as const;

/** Picks the delimiter that splits the header line most: Excel's "Unicode Text" is tab-separated, some locales use `;`. */
export function sniffDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  let best: string = ',';
  let bestCount = 0;
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const count = firstLine.split(delimiter).length - 1;
    if (count > bestCount) [best, bestCount] = [delimiter, count];
  }
  return best;
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly row: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

export function parseCsvRows(text: string): RawRow[] {
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: sniffDelimiter(text),
      relax_column_count: true, // ragged rows are reported per row by toTable, not as a file failure
      skip_empty_lines: false, // keep blank lines so record numbers equal spreadsheet row numbers
    }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) {
      // csv-parse counts finished records; the broken one is the next.
      const row = ((error as CsvError & { records?: number }).records ?? 0) + 1;
      throw new CsvSyntaxError(`row ${row}: ${error.message}`, row);
    }
    throw error;
  }
  return records.map((cells, index) => ({ row: index + 1, cells }));
}
