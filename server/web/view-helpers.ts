// Handlebars helpers, registered in one place. Templates never mark mail content as safe: citizen text is
// escaped by {{ }}; sanitised HTML (sanitize-html at ingestion) is shown only inside a sandboxed iframe.
import type { HelperOptions } from 'handlebars';
import { t, tn, isLocale, type Locale } from '../i18n/index.js';

const TZ = 'Asia/Ho_Chi_Minh';

function localeOf(options: HelperOptions): Locale {
  const l = (options.data?.root as { locale?: unknown } | undefined)?.locale;
  return isLocale(l) ? l : 'vi';
}

// One formatter per locale, made once: building an Intl formatter costs far more than using it, and a queue page
// formats a few dates per row.
const dateTimeFormats: Record<Locale, Intl.DateTimeFormat> = {
  vi: new Intl.DateTimeFormat('vi-VN', { timeZone: TZ, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: TZ, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }),
};
const numberFormats: Record<Locale, Intl.NumberFormat> = { vi: new Intl.NumberFormat('vi-VN'), en: new Intl.NumberFormat('en-GB') };

// Even made once, a formatter takes microseconds per call, the largest part of drawing a queue row, and the queue
// shows the same instants on every load. An instant's text never changes, so the last few thousand are kept per
// locale (a few hundred kB at most), and the whole set dropped when full.
const FORMATTED_MAX = 5_000;
const formatted: Record<Locale, Map<number, string>> = { vi: new Map(), en: new Map() };

/** An instant in the province's time zone, as every page writes it: 25/11/2026 14:05. */
export function formatDateTime(value: Date | string, locale: Locale): string {
  const ms = value instanceof Date ? value.getTime() : new Date(value).getTime();
  const kept = formatted[locale];
  let text = kept.get(ms);
  if (text === undefined) {
    text = dateTimeFormats[locale].format(ms); // an invalid instant throws here, as before, and is not kept
    if (kept.size >= FORMATTED_MAX) kept.clear();
    kept.set(ms, text);
  }
  return text;
}

/** A calendar date 'YYYY-MM-DD' as dd/mm/yyyy (both locales: the province's format); anything else unchanged. */
export function formatDay(value: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (value ?? '');
}

export const viewHelpers = {
  /** {{t "key" name=value}} */
  t(key: string, options: HelperOptions) {
    return t(localeOf(options), key, (options.hash ?? {}) as Record<string, string | number>);
  },
  /** {{tn "key" count name=value}}: the count's form of the string (server/i18n tn) */
  tn(key: string, n: number, options: HelperOptions) {
    return tn(localeOf(options), key, Number(n), (options.hash ?? {}) as Record<string, string | number>);
  },
  eq: (a: unknown, b: unknown) => a === b,
  /** {{#if (gt pages 1)}} */
  gt: (a: unknown, b: unknown) => Number(a) > Number(b),
  /** {{or icon "inbox"}}: the first truthy argument (a default for an optional partial param) */
  or: (...args: unknown[]) => args.slice(0, -1).find(Boolean) ?? '',
  /** {{concat "role." user.role}}: builds an i18n key */
  concat: (...args: unknown[]) => args.slice(0, -1).join(''),
  /** {{datetime value}} in the province's time zone: 25/11/2026 14:05 */
  datetime(value: Date | string | null | undefined, options: HelperOptions) {
    return value ? formatDateTime(value, localeOf(options)) : '';
  },
  /** {{day "2026-09-02"}}: a calendar date (YYYY-MM-DD, no time zone) as the province writes it, 02/09/2026 */
  day: (value: string | null | undefined) => formatDay(value),
  number(value: number, options: HelperOptions) {
    return numberFormats[localeOf(options)].format(value ?? 0);
  },
  /** the other locale, for the language switch */
  otherLocale: (options: HelperOptions) => (localeOf(options) === 'vi' ? 'en' : 'vi'),
};
