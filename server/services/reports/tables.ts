// The report's tables in the reader's language (pure): one layout for the PDF and the XLSX, in the reporting
// shape provinces use (research/vietnam.md §8): received, on time, late, in progress, per agency with a
// ranking, and per category.
import { t, type Locale } from '../../i18n/index.js';
import type { GroupMetrics } from '../metrics/index.js';
import { FEEDBACK_CATEGORIES } from '../org/index.js';
import type { PeriodReport } from './content.js';
import type { ReportPeriod } from './period.js';

export type Cell = string | number | null;
export interface ReportTable { title: string; headers: string[]; rows: Cell[][]; total: Cell[] }

const ROMAN = ['I', 'II', 'III', 'IV'];

export function periodLabel(p: ReportPeriod, locale: Locale): string {
  if (p.kind === 'month') return t(locale, 'reports.period.month', { index: p.index, year: p.year });
  if (p.kind === 'quarter') return t(locale, 'reports.period.quarter', { roman: ROMAN[p.index - 1]!, year: p.year });
  return t(locale, p.index === 1 ? 'reports.period.half1' : 'reports.period.half2', { year: p.year });
}

export const asOfText = (r: Pick<PeriodReport, 'as_of'>, locale: Locale) =>
  new Date(r.as_of).toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' });

/** A local day as people write it: 01/04/2026 in Vietnamese, 2026-04-01 in English. */
export const dayText = (day: string, locale: Locale) => (locale === 'vi' ? day.split('-').reverse().join('/') : day);

export const scopeLabel = (r: Pick<PeriodReport, 'agency'>, locale: Locale) => (r.agency ? r.agency.name : t(locale, 'reports.province'));

/** Late among those whose deadline outcome is known, in %, one decimal (as the dashboard's breach %); null = none known. */
export function latePct(m: GroupMetrics): number | null {
  const judged = m.on_time + m.late;
  return judged > 0 ? Math.round((1000 * m.late) / judged) / 10 : null;
}

const FIGURES = ['received', 'on_time', 'late', 'open', 'referred'] as const;
const figures = (m: GroupMetrics): Cell[] => [...FIGURES.map((k) => m[k]), latePct(m)];
const figureHeaders = (locale: Locale) => [...FIGURES.map((k) => t(locale, `metrics.col.${k}`)), t(locale, 'reports.col.late_pct')];

/** Ranks by late % (lowest first, ties share a rank); agencies with nothing judged are not ranked. */
function ranks(pcts: (number | null)[]): (number | null)[] {
  const known = pcts.filter((p): p is number => p !== null).sort((a, b) => a - b);
  return pcts.map((p) => (p === null ? null : known.indexOf(p) + 1));
}

export function reportTables(r: PeriodReport, locale: Locale): { agencies: ReportTable; categories: ReportTable } {
  const rank = ranks(r.agencies.map(latePct));
  const categoryName = (code: string) =>
    code ? FEEDBACK_CATEGORIES.find((c) => c.code === code)?.[locale] ?? code : t(locale, 'metrics.uncategorised');
  const totalRow = [t(locale, 'metrics.total'), ...figures(r.total)];
  return {
    agencies: {
      title: t(locale, 'reports.by_agency'),
      headers: [t(locale, 'metrics.col.agency'), ...figureHeaders(locale), t(locale, 'reports.col.rank')],
      rows: r.agencies.map((a, i) => [a.label, ...figures(a), rank[i] ?? null]),
      total: [...totalRow, null],
    },
    categories: {
      title: t(locale, 'reports.by_category'),
      headers: [t(locale, 'metrics.col.category'), ...figureHeaders(locale)],
      rows: r.categories.map((c) => [categoryName(c.category), ...figures(c)]),
      total: totalRow,
    },
  };
}
