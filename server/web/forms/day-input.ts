// A calendar day typed into a date field (views/partials/date-field.hbs): day/month/year, the way the province
// writes dates, whatever the browser's locale. An <input type=date> shows the browser's own order (mm/dd/yyyy in
// an English Chromium), so the field is a text box and this is the one place that reads it, for every date field.
// Pure: what was typed in, the ISO day (YYYY-MM-DD) the routes and services take out.
import { z } from 'zod';
import { t, type Locale } from '../../i18n/index.js';

const DMY = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/;
// ISO is still read: links built by the app (/metrics?from=2026-01-01), saved queue views and bookmarks carry it.
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD when the numbers make a real day (no 31/02), else null. */
function isoOf(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return null;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day > lastDay ? null : `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * The ISO day of a typed date: '31/12/2026', '1/2/2026', '01.02.2026', '01-02-2026' or '2026-02-01'; '' when
 * nothing was typed; anything else is returned as typed (trimmed), so the route's own ISO check refuses it and
 * the form shows its error next to the field with the typed text kept.
 */
export function dayFromInput(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  const text = raw.trim();
  const dmy = DMY.exec(text);
  const iso = dmy ? isoOf(Number(dmy[3]), Number(dmy[2]), Number(dmy[1])) : null;
  if (iso) return iso;
  const isoMatch = ISO.exec(text);
  return (isoMatch ? isoOf(Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3])) : null) ?? text;
}

/** Whether a value is a real ISO day (YYYY-MM-DD), as dayFromInput gives a date it could read. */
export function isIsoDay(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m !== null && isoOf(Number(m[1]), Number(m[2]), Number(m[3])) === value;
}

/** A form or query field holding a day: read by dayFromInput; '' (nothing typed) or a real ISO day, else invalid. */
export const dayField = z.preprocess(dayFromInput, z.string().refine((v) => v === '' || isIsoDay(v)));

/** What typedDays read from a form's date fields, by field name. */
export interface TypedDays<K extends string> {
  /** the fields read as a real day, in ISO; a field left empty or not readable is absent */
  days: Partial<Record<K, string>>;
  /** the fields typed but not readable as a day, as typed (trimmed): the form shows them again as they were */
  bad: Partial<Record<K, string>>;
  /** the error shown next to each field of `bad`, in the page's language */
  errors: Partial<Record<K, string>>;
}

/**
 * The date fields `keys` of a query or form (filters such as the queue's and the metrics page's from/to): each
 * read by dayFromInput, so every form tells a day it could read from text it could not in the same way.
 */
export function typedDays<K extends string>(raw: Record<string, unknown>, keys: readonly K[], locale: Locale): TypedDays<K> {
  const out: TypedDays<K> = { days: {}, bad: {}, errors: {} };
  for (const k of keys) {
    const day = dayFromInput(raw[k]);
    if (isIsoDay(day)) out.days[k] = day;
    else if (day !== '') {
      out.bad[k] = day;
      out.errors[k] = t(locale, 'ui.date.invalid');
    }
  }
  return out;
}
