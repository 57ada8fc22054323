// The /metrics "Báo cáo định kỳ" card (pure): the last finished month, quarter and half-year (the view links
// them as PDF and XLSX), and the recent periods of each kind for the form's select, labelled in the reader's language.
import { t, type Locale } from '../../i18n/index.js';
import { PERIOD_KINDS, periodLabel, recentPeriods, type PeriodKind } from '../../services/reports/index.js';

/** How far back the form reaches: a year of months, two years of quarters, three years of half-years. */
const CHOICES: Record<PeriodKind, number> = { month: 12, quarter: 8, half: 6 };

export function reportChoices(now: Date, agency: string, locale: Locale) {
  return {
    agency,
    latest: PERIOD_KINDS.map((kind) => {
      const p = recentPeriods(kind, now, 1)[0]!;
      return { kind, key: p.key, title: `${t(locale, `reports.kind.${kind}`)}: ${periodLabel(p, locale)}` };
    }),
    groups: PERIOD_KINDS.map((kind) => ({
      label: t(locale, `reports.kind.${kind}`),
      options: recentPeriods(kind, now, CHOICES[kind]).map((p) => ({ value: p.key, label: periodLabel(p, locale) })),
    })),
  };
}
