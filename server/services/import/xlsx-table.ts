// XLSX bytes → raw rows of the first worksheet, every cell as the text HR typed or saw.

import type { RawRow } from './table-rows.js';
import { checkRowLimits } from './table-limits.js';

/**
 * Cell value → string. Numbers in JS notation, booleans `true`/`false`, formulas by their cached result,
 * rich text and hyperlinks by their visible text, errors as `#N/A` etc. Dates: Excel stores wall-clock time
 * with no zone (exceljs hands it over as UTC), so a date is `YYYY-MM-DD` and a date-time
 * `YYYY-MM-DDTHH:mm:ss` without offset, never shifted by the server's zone.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return dateText(value);
  if (typeof value !== 'object') return String(value);
  const cell = value as Record<string, unknown>;
  if (Array.isArray(cell.richText)) return cell.richText.map((run: { text?: unknown }) => cellText(run.text)).join('');
  if ('formula' in cell || 'sharedFormula' in cell) return cellText(cell.result);
  if ('hyperlink' in cell) return cellText(cell.text); // text may itself be rich text
  if (typeof cell.error === 'string') return cell.error;
  if ('text' in cell) return cellText(cell.text);
  return '';
}

function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
}

/**
 * Reads the first worksheet. The whole workbook is held in memory (see README for sizes): call it only on bytes
 * that passed checkZipInflation (table-reader.ts does).
 */
export async function parseXlsxRows(bytes: Uint8Array): Promise<RawRow[]> {
  // Loaded on first use: it is most of the parse thread's start-up, which a CSV does not need.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own `Buffer` (an ArrayBuffer); at run time it hands a Node Buffer to JSZip.
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer;
  await workbook.xlsx.load(buffer);
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) return [];
  const rows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    // row.values is 1-based and sparse: index 0 is unused, holes are empty cells.
    const values = row.values as unknown[];
    const cells: string[] = [];
    for (let column = 1; column < values.length; column++) cells.push(cellText(values[column]));
    checkRowLimits(rowNumber, cells); // throws out of eachRow: the first row past a limit ends the reading
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}
