// The one translation helper. Vietnamese is the default; English is the alternative. A missing key falls back
// to Vietnamese, then to the key itself, so a forgotten translation shows up in review instead of crashing.
// Each area keeps its strings in server/i18n/areas/<area>.ts ({ vi, en }) and is listed in areas/index.ts,
// so people working on different pages never edit the same catalogue.
import { vi } from './vi.js';
import { en } from './en.js';
import { AREA_CATALOGUES } from './areas/index.js';

export type Locale = 'vi' | 'en';
export const LOCALES: readonly Locale[] = ['vi', 'en'];
export type Catalogue = Record<string, string>;
export interface AreaCatalogue {
  vi: Catalogue;
  en: Catalogue;
}

const catalogues: Record<Locale, Catalogue> = {
  vi: Object.assign({}, vi, ...AREA_CATALOGUES.map((a) => a.vi)),
  en: Object.assign({}, en, ...AREA_CATALOGUES.map((a) => a.en)),
};

export function isLocale(v: unknown): v is Locale {
  return v === 'vi' || v === 'en';
}

export function t(locale: Locale, key: string, vars: Record<string, string | number> = {}): string {
  const template = catalogues[locale][key] ?? catalogues.vi[key] ?? key;
  // most strings have no variable: skip the replace, which every label of every page would pay
  if (!template.includes('{')) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** A count's string: `${key}.one` when n is 1 and the locale has that key (English does; Vietnamese nouns do not
 *  change with the number, so it has none), else `key`; `{n}` takes the count. */
export function tn(locale: Locale, key: string, n: number, vars: Record<string, string | number> = {}): string {
  return t(locale, n === 1 && `${key}.one` in catalogues[locale] ? `${key}.one` : key, { ...vars, n });
}

/** Keys present in Vietnamese but missing in English (a test keeps this empty). */
export function missingEnglishKeys(): string[] {
  return Object.keys(catalogues.vi).filter((k) => !(k in catalogues.en));
}
