// The /metrics view model: table rows with hours formatted for the reader's locale, category and class names,
// breach reasons, backlog aging, referrals, hotline health, coverage, and the charts. Pure.
import type { Dashboard, GroupMetrics } from '../../services/metrics/index.js';
import { FEEDBACK_CATEGORIES, TICKET_CLASSES } from '../../services/org/index.js';
import { t } from '../../i18n/index.js';
import { coverageChart } from './coverage-chart.js';
import { firstResponseChart, outcomeChart } from './metrics-charts.js';
import { shortMonth, trendChart } from './metrics-trend.js';
import { formatDateTime } from '../view-helpers.js';

export interface MetricsFilters { from: string; to: string; agency: string }

// one formatter per locale: making an Intl.NumberFormat costs far more than formatting with it, and every row of
// every table formats several numbers
const NUMBER_FORMATS = {
  vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }),
};
const numberFormat = (locale: 'vi' | 'en') => NUMBER_FORMATS[locale];

function formatRow(m: GroupMetrics, locale: 'vi' | 'en') {
  const fmt = numberFormat(locale);
  const hours = (v: number | null) => (v === null ? '–' : fmt.format(v));
  const judged = m.on_time + m.late; // tickets whose deadline outcome is known
  const pct = judged > 0 ? `${fmt.format((100 * m.on_time) / judged)}%` : '–';
  return {
    ...m, on_time_pct: pct,
    fr_median: hours(m.first_response_median_hours), fr_p90: hours(m.first_response_p90_hours),
    res_median: hours(m.resolution_median_hours), res_p90: hours(m.resolution_p90_hours),
  };
}

const HOTLINE_TONE = { ok: 'success', failing: 'danger', stale: 'warning', off: 'neutral', none: 'neutral' } as const;

/** The table's columns in order, each with its definition (metrics.def.<key>) under the table. */
const COLUMN_DEFINITIONS: [key: string, labelKey: string][] = [
  ['received', 'received'], ['on_time', 'on_time'], ['late', 'late'], ['open', 'open'], ['overdue_open', 'overdue_open'], ['referred', 'referred'],
  ['on_time_pct', 'on_time_pct'], ['fr', 'fr_median'], ['res', 'res_median'],
];

export function metricsPage(d: Dashboard, filters: MetricsFilters, locale: 'vi' | 'en') {
  const fmt = numberFormat(locale);
  const pct = (v: number | null) => (v === null ? '–' : `${fmt.format(v)}%`);
  const r = d.breach.reasons;
  return {
    filters,
    columnDefinitions: COLUMN_DEFINITIONS.map(([key, term]) => ({ key, term: t(locale, `metrics.col.${term}`), text: t(locale, `metrics.def.${key}`) })),
    agencies: d.agencies.map((a) => ({ agency: a.agency, agency_name: a.agency_name, breach: pct(a.breach_pct), ...formatRow(a, locale) })),
    categories: d.categories.map((c) => ({
      label: c.category ? FEEDBACK_CATEGORIES.find((x) => x.code === c.category)?.[locale] ?? c.category : t(locale, 'metrics.uncategorised'),
      ...formatRow(c, locale),
    })),
    classes: d.classes.map((c) => ({
      label: c.class ? TICKET_CLASSES.find((x) => x.code === c.class)?.[locale] ?? c.class : t(locale, 'metrics.unclassified'),
      ...formatRow(c, locale),
    })),
    total: formatRow(d.total, locale),
    breach: {
      pct: pct(d.breach.pct), breached: d.breach.breached, judged: d.breach.judged,
      reasons: (['resolved_late', 'overdue_open', 'first_response_late', 'referred_late'] as const).map((k) => ({ key: k, label: t(locale, `metrics.breach.${k}`), count: r[k] })),
    },
    referrals: { ...d.referrals, pct: pct(d.referrals.within_target_pct) },
    aging: {
      buckets: d.aging.buckets.map((b) => ({ key: b, label: t(locale, `metrics.aging.${b}`) })),
      agencies: d.aging.agencies.map((a) => ({ ...a, counts: d.aging.buckets.map((b) => a[b as keyof typeof a]) })),
      total: { open: d.aging.total.open, counts: d.aging.buckets.map((b) => d.aging.total[b as keyof typeof d.aging.total]) },
    },
    // agencies with no hotline inbox, or no roster yet, are counted in one line instead of a row each
    hotlinesNotSetUp: d.hotlines.filter((h) => h.state === 'none').length,
    coverageWithoutRoster: d.coverage.agencies.filter((a) => a.staff === 0).length,
    hotlines: d.hotlines.filter((h) => h.state !== 'none').map((h) => ({
      ...h, tone: HOTLINE_TONE[h.state], stateLabel: t(locale, `metrics.hotline.${h.state}`),
      lastOk: h.last_ok_at ? formatDateTime(h.last_ok_at, locale) : '–',
    })),
    coverage: d.coverage,
    percentileNote: d.percentile_error
      ? t(locale, 'metrics.percentile_bound', { pct: fmt.format(d.percentile_error.relative * 100) })
      : t(locale, 'metrics.percentile_exact'),
    charts: {
      outcomes: outcomeChart(d.agencies, locale),
      trend: trendChart(d.trend.weeks),
      monthly: trendChart(d.trend.months, shortMonth),
      firstResponse: firstResponseChart(d.agencies, locale),
      coverage: coverageChart(d.coverage.agencies.filter((a) => a.staff > 0), locale),
    },
  };
}
