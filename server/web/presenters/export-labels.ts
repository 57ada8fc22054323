// The words of the metrics export in the reader's language (issue 15 item 6), pure: Vietnamese headers, category
// names instead of `moi_truong`, outcomes instead of `open_overdue`. The service writes whatever it is given.
import { t, type Locale } from '../../i18n/index.js';
import { FEEDBACK_CATEGORIES } from '../../services/org/index.js';
import { EXPORT_COLUMNS, SUMMARY_COLUMNS, type ExportLabels } from '../../services/metrics/index.js';

const SUMMARY_KEYS = ['agency', 'agency_name', ...SUMMARY_COLUMNS];

export function exportLabels(locale: Locale): ExportLabels {
  return {
    headers: EXPORT_COLUMNS.map((k) => t(locale, `metrics.export.col.${k}`)),
    summaryHeaders: SUMMARY_KEYS.map((k) => t(locale, `metrics.export.sum.${k}`)),
    category: (code) => (code ? FEEDBACK_CATEGORIES.find((c) => c.code === code)?.[locale] ?? code : t(locale, 'metrics.uncategorised')),
    outcome: (code) => t(locale, `metrics.export.outcome.${code}`),
    ticketSheet: t(locale, 'metrics.export.sheet_tickets'),
    summarySheet: t(locale, 'metrics.export.sheet_agencies'),
  };
}
