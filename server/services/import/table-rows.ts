// The common shape of an imported table, whatever file it came from, and the step that turns raw cell rows
// (as CSV or a spreadsheet gives them) into header-keyed records that keep their file row numbers.

/** A problem tied to one place in the file; `row` is the 1-based row HR sees in Excel, `field` a column. */
export interface TableIssue {
  row: number;
  field: string;
  /** English, precise (the CLI prints it) */
  message: string;
  /** i18n id (hr.err.<id>) and its parameters, for the pages; absent on the older checks */
  id?: string;
  params?: Record<string, string | number>;
}

export interface TableRow {
  /** 1-based row number in the file (the header is row 1 unless blank rows precede it). */
  row: number;
  /** Trimmed NFC cell text keyed by normalised header; '' for an empty cell. */
  values: Record<string, string>;
}

export interface Table {
  headers: string[];
  headerRow: number;
  rows: TableRow[];
  /** Shape problems found while reading (duplicate headers, values under no header). */
  issues: TableIssue[];
}

/** One row as read from the file, before headers are applied. */
export interface RawRow {
  row: number;
  cells: string[];
}

/** `" Mã  cơ quan "` → `"mã_cơ_quan"`: NFC, trimmed, lower-case, whitespace runs to `_`. */
export function normaliseHeader(header: string): string {
  return header.replace(/^\uFEFF/, '').normalize('NFC').trim().toLowerCase().replace(/\s+/g, '_');
}

const isBlank = (cells: string[]): boolean => cells.every((cell) => cell.trim() === '');

/** Applies the first non-blank row as header; blank rows are skipped but still counted in row numbers. */
export function toTable(rawRows: Iterable<RawRow>): Table {
  const table: Table = { headers: [], headerRow: 0, rows: [], issues: [] };
  // Header position → key, or null for a repeated header whose values are dropped.
  let keys: (string | null)[] | null = null;
  for (const raw of rawRows) {
    if (isBlank(raw.cells)) continue;
    if (keys === null) {
      keys = headerKeys(raw, table);
      continue;
    }
    table.rows.push({ row: raw.row, values: rowValues(raw, keys, table.issues) });
  }
  return table;
}

function headerKeys(raw: RawRow, table: Table): (string | null)[] {
  let cells = raw.cells.map(normaliseHeader);
  while (cells.length > 0 && cells[cells.length - 1] === '') cells = cells.slice(0, -1);
  table.headerRow = raw.row;
  return cells.map((header, index) => {
    const key = header === '' ? `column_${index + 1}` : header;
    if (table.headers.includes(key)) {
      table.issues.push({
        row: raw.row, field: key, message: `column "${key}" appears more than once; only the first is read`,
        id: 'table.repeated_column', params: { column: key },
      });
      return null;
    }
    table.headers.push(key);
    return key;
  });
}

function rowValues(raw: RawRow, keys: (string | null)[], issues: TableIssue[]): Record<string, string> {
  // Object.fromEntries defines own properties, so a header named "__proto__" cannot touch the prototype.
  const entries = keys.flatMap((key, index): [string, string][] =>
    key === null ? [] : [[key, (raw.cells[index] ?? '').normalize('NFC').trim()]],
  );
  // A NUL is never text HR meant (a damaged or mis-exported file) and must not reach SQL: SQLite ends a quoted
  // literal at it ("unrecognized token"), which made a whole roster import fail.
  for (const [key, value] of entries) {
    if (value.includes('\u0000')) {
      issues.push({ row: raw.row, field: key, message: 'the cell holds a NUL character', id: 'table.nul', params: { row: raw.row, field: key } });
    }
  }
  for (let index = keys.length; index < raw.cells.length; index++) {
    if (raw.cells[index]!.trim() !== '') {
      issues.push({ row: raw.row, field: `column_${index + 1}`, message: 'value in a column that has no header', id: 'table.no_header', params: { column: index + 1 } });
    }
  }
  return Object.fromEntries(entries);
}
