// "Hộp thư của tôi" as view data: sizes in the reader's language (1,5 MB / 1.5 MB), the use against the quota.
import type { Locale } from '../../i18n/index.js';
import { t } from '../../i18n/index.js';
import type { OwnMailbox } from '../../services/provisioning/index.js';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

const numberIn = (locale: Locale, n: number, digits: number): string =>
  new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits }).format(n);

/** 1024-based, at most one decimal: 0 B, 980 B, 1,5 MB (vi) / 1.5 MB (en). */
export function formatBytes(bytes: number, locale: Locale): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${numberIn(locale, value, digits)} ${UNITS[unit]}`;
}

export function ownMailboxView(box: OwnMailbox, locale: Locale) {
  const quota = box.quotaMb > 0 ? formatBytes(box.quotaMb * 1024 * 1024, locale) : null;
  const useText = box.use === null ? null : quota
    ? t(locale, 'mine.use_value', { used: formatBytes(box.use.bytes, locale), quota, percent: numberIn(locale, box.usePercent ?? 0, 1) })
    : t(locale, 'mine.use_unlimited', { used: formatBytes(box.use.bytes, locale) });
  return {
    ...box, quota, useText, messagesText: box.use ? t(locale, 'mine.use_messages', { count: numberIn(locale, box.use.messages, 0) }) : null,
    /** the meter's width, 0–100 */
    meter: box.usePercent,
  };
}
