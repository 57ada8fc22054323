// SLA periods as people write them, in English (the CLI contract) and Vietnamese (policies, receipts).
import type { Period, PeriodUnit } from './types.js';

const ACCEPTED =
  'expected "<N> working day(s)", "<N> working hour(s)", "<N> calendar day(s)", ' +
  'or in Vietnamese "<N> ngày làm việc", "<N> giờ làm việc", "<N> ngày", with N a whole number ≥ 1';

// Matched after NFC + lower-casing + collapsing spaces, so NFD input from a Mac keyboard also parses.
const FORMS: readonly [RegExp, PeriodUnit][] = [
  [/^(\d+) working days?$/, 'working_days'],
  [/^(\d+) working hours?$/, 'working_hours'],
  [/^(\d+) calendar days?$/, 'calendar_days'],
  [/^(\d+) ngày làm việc$/, 'working_days'],
  [/^(\d+) giờ làm việc$/, 'working_hours'],
  // Vietnamese law's bare "ngày" is a calendar day; "ngày lịch" says so explicitly.
  [/^(\d+) ngày(?: lịch)?$/, 'calendar_days'],
];

/** Parses "5 working days", "4 giờ làm việc", "30 ngày" …; throws an Error listing the accepted forms. */
export function parsePeriod(text: string): Period {
  const normal = String(text).normalize('NFC').toLowerCase().trim().replace(/\s+/g, ' ');
  for (const [pattern, unit] of FORMS) {
    const m = pattern.exec(normal);
    if (!m) continue;
    const amount = Number(m[1]);
    if (amount >= 1 && Number.isSafeInteger(amount)) return { amount, unit };
  }
  throw new Error(`Invalid SLA period "${text}": ${ACCEPTED}`);
}

const LABELS: Record<PeriodUnit, { en: [string, string]; vi: string }> = {
  working_hours: { en: ['working hour', 'working hours'], vi: 'giờ làm việc' },
  working_days: { en: ['working day', 'working days'], vi: 'ngày làm việc' },
  calendar_days: { en: ['calendar day', 'calendar days'], vi: 'ngày' },
};

/** The inverse of parsePeriod: "5 ngày làm việc" (vi) or "5 working days" (en). */
export function formatPeriod(period: Period, lang: 'vi' | 'en' = 'vi'): string {
  const label = LABELS[period.unit];
  if (lang === 'vi') return `${period.amount} ${label.vi}`;
  return `${period.amount} ${label.en[period.amount === 1 ? 0 : 1]}`;
}
