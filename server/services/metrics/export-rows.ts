// One export row per ticket (pure): the raw facts behind every number on the dashboard, so an analyst can
// recompute them. Times are local (UTC+7) ISO strings; durations are working hours.
import { toLocalIso } from '../time/index.js';
import { toHours } from './percentile.js';
import type { TicketFacts } from './ticket-facts.js';

export const EXPORT_COLUMNS = [
  'ref', 'agency', 'category', 'received_at', 'due_at', 'first_response_at', 'resolved_at',
  'first_response_hours', 'resolution_hours', 'outcome',
] as const;

export type ExportValue = string | number | Date | null;

/**
 * A people's export (the web's): the edge's words for the headers, categories, outcomes and sheet names, in the
 * reader's language (issue 15 item 6). Without it the export keeps the machine keys (the CLI's, for scripts).
 */
export interface ExportLabels {
  /** one per EXPORT_COLUMNS, in order */
  headers: readonly string[];
  /** one per SUMMARY_COLUMNS (export.ts), after the agency's code and name */
  summaryHeaders: readonly string[];
  category(code: string | null): string;
  outcome(code: string): string;
  ticketSheet: string;
  summarySheet: string;
}

/** Each ticket column's width in characters, for the XLSX (a date column fits "dd/mm/yyyy hh:mm"). */
export const EXPORT_WIDTHS = [18, 12, 34, 17, 17, 17, 17, 12, 12, 20];
/** An instant as the wall-clock time in the province, for a spreadsheet date cell (which has no time zone). */
export const localWallClock = (d: Date | null) => (d ? new Date(toLocalIso(d).slice(0, 19) + 'Z') : null);

/** The row with the people's words and real dates (XLSX) instead of codes and ISO text. */
export function labelledRow(f: TicketFacts, agencyCode: string, labels: ExportLabels, dates: 'cells' | 'text'): ExportValue[] {
  const when = (d: Date | null) => (dates === 'cells' ? localWallClock(d) : iso(d));
  return [
    f.ticket.ref, agencyCode, labels.category(f.ticket.category), when(f.ticket.receivedAt), when(f.ticket.dueAt), when(f.firstResponseAt),
    when(f.resolvedAt), toHours(f.firstResponseMinutes), toHours(f.resolutionMinutes), labels.outcome(f.outcome),
  ];
}

const iso = (d: Date | null) => (d ? toLocalIso(d) : null);

export function exportRow(f: TicketFacts, agencyCode: string): ExportValue[] {
  return [
    f.ticket.ref, agencyCode, f.ticket.category, iso(f.ticket.receivedAt), iso(f.ticket.dueAt), iso(f.firstResponseAt),
    iso(f.resolvedAt), toHours(f.firstResponseMinutes), toHours(f.resolutionMinutes), f.outcome,
  ];
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break. A leading = + - @ tab or CR is defused for
 *  spreadsheets (OWASP's CSV injection list: Excel and LibreOffice skip a leading tab or CR and read the formula after it). */
export function csvField(value: ExportValue): string {
  if (value === null) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (values: readonly ExportValue[]) => `${values.map(csvField).join(',')}\r\n`;
