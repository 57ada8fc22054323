// One export row per ticket (pure): the raw facts behind every number on the dashboard, so an analyst can
// recompute them. Times are local (UTC+7) ISO strings; durations are working hours.
import { toLocalIso } from '../time/index.js';
import { toHours } from './percentile.js';
import type { TicketFacts } from './ticket-facts.js';

export const EXPORT_COLUMNS = [
  'ref', 'agency', 'category', 'received_at', 'due_at', 'first_response_at', 'resolved_at',
  'first_response_hours', 'resolution_hours', 'outcome',
] as const;

export type ExportValue = string | number | null;

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
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (values: readonly ExportValue[]) => `${values.map(csvField).join(',')}\r\n`;
