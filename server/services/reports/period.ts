// The named periods leaders report on (pure): a month 2026-11, a quarter 2026-Q3, a half-year 2026-H1. Nghị định
// 20/2008 Art. 22 asks for a 6-month report upward; provinces publish monthly ones (research/vietnam.md §8).
// Bounds are local days (UTC+7), turned into instants by the metrics service's own parseBound, one way.
import { localDate, parseBound } from '../metrics/index.js';

export type PeriodKind = 'month' | 'quarter' | 'half';
export const PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'half'];

export interface ReportPeriod {
  /** 2026-11, 2026-Q3 or 2026-H1: the CLI's --period, the form's value and part of the outbox key */
  key: string;
  kind: PeriodKind;
  year: number;
  /** month 1–12, quarter 1–4 or half 1–2 */
  index: number;
  /** first and last local day included, YYYY-MM-DD */
  first: string;
  last: string;
}

export class ReportPeriodError extends Error {}

const MONTHS_OF: Record<PeriodKind, number> = { month: 1, quarter: 3, half: 6 };
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function reportPeriod(kind: PeriodKind, year: number, index: number): ReportPeriod {
  const span = MONTHS_OF[kind];
  const firstMonth = (index - 1) * span + 1;
  const lastMonth = firstMonth + span - 1;
  const key = kind === 'month' ? `${year}-${pad(index)}` : `${year}-${kind === 'quarter' ? 'Q' : 'H'}${index}`;
  return { key, kind, year, index, first: `${year}-${pad(firstMonth)}-01`, last: `${year}-${pad(lastMonth)}-${pad(lastDay(year, lastMonth))}` };
}

/** "2026-11", "2026-Q3" or "2026-H1" (q and h in either case). */
export function parseReportPeriod(text: string): ReportPeriod {
  const m = /^(\d{4})-(?:(\d{2})|[Qq]([1-4])|[Hh]([12]))$/.exec(text.trim());
  const month = m?.[2] ? Number(m[2]) : null;
  if (!m || (month !== null && (month < 1 || month > 12)) || Number(m[1]) < 2000) {
    throw new ReportPeriodError(`"${text}" is not a report period: a month (2026-11), a quarter (2026-Q3) or a half-year (2026-H1)`);
  }
  const year = Number(m[1]);
  if (month !== null) return reportPeriod('month', year, month);
  return m[3] ? reportPeriod('quarter', year, Number(m[3])) : reportPeriod('half', year, Number(m[4]));
}

/** The period's instants: from its first local midnight to the midnight after its last day (exclusive). */
export function periodBounds(p: ReportPeriod): { from: Date; to: Date } {
  return { from: parseBound(p.first, 'from'), to: parseBound(p.last, 'to') };
}

/** The period of a kind that contains the local day `day` (YYYY-MM-DD). */
export function periodContaining(kind: PeriodKind, day: string): ReportPeriod {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return reportPeriod(kind, year, Math.floor((month - 1) / MONTHS_OF[kind]) + 1);
}

/** The period just before this one (December of last year before January, and so on). */
export function previousPeriod(p: ReportPeriod): ReportPeriod {
  const count = 12 / MONTHS_OF[p.kind];
  return p.index > 1 ? reportPeriod(p.kind, p.year, p.index - 1) : reportPeriod(p.kind, p.year - 1, count);
}

/** The last finished period of each kind at `now` (local time): what the schedule mails. */
export function lastFinishedPeriods(now: Date): ReportPeriod[] {
  const today = localDate(now);
  return PERIOD_KINDS.map((kind) => previousPeriod(periodContaining(kind, today)));
}

/** The last `count` finished periods of a kind, newest first: the choices of the /metrics report form. */
export function recentPeriods(kind: PeriodKind, now: Date, count: number): ReportPeriod[] {
  const out: ReportPeriod[] = [];
  let p = periodContaining(kind, localDate(now));
  for (let i = 0; i < count; i++) out.push((p = previousPeriod(p)));
  return out;
}
