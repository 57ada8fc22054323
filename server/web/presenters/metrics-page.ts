// The /metrics view model: table rows with hours formatted for the reader's locale, category names, and the
// three charts. Pure.
import type { GroupMetrics, MetricsReport } from '../../services/metrics/index.js';
import { FEEDBACK_CATEGORIES } from '../../services/org/categories.js';
import { t } from '../../i18n/index.js';
import { firstResponseChart, outcomeChart } from './metrics-charts.js';
import { trendChart } from './metrics-trend.js';

export interface MetricsFilters { from: string; to: string; agency: string }

function formatRow(m: GroupMetrics, locale: 'vi' | 'en') {
  const fmt = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 });
  const hours = (v: number | null) => (v === null ? '–' : fmt.format(v));
  const judged = m.on_time + m.late; // tickets whose deadline outcome is known
  const pct = judged > 0 ? `${fmt.format((100 * m.on_time) / judged)}%` : '–';
  return {
    ...m, on_time_pct: pct,
    fr_median: hours(m.first_response_median_hours), fr_p90: hours(m.first_response_p90_hours),
    res_median: hours(m.resolution_median_hours), res_p90: hours(m.resolution_p90_hours),
  };
}

export function metricsPage(report: MetricsReport, filters: MetricsFilters, locale: 'vi' | 'en') {
  return {
    filters,
    agencies: report.agencies.map((a) => ({ agency: a.agency, agency_name: a.agency_name, ...formatRow(a, locale) })),
    categories: report.categories.map((c) => ({
      category: c.category,
      label: c.category ? FEEDBACK_CATEGORIES.find((x) => x.code === c.category)?.[locale] ?? c.category : t(locale, 'metrics.uncategorised'),
      ...formatRow(c, locale),
    })),
    total: formatRow(report.total, locale),
    charts: {
      outcomes: outcomeChart(report.agencies),
      trend: trendChart(report.weeks),
      firstResponse: firstResponseChart(report.agencies, locale),
    },
  };
}
