// The one translation helper. Vietnamese is the default; English is the alternative. A missing key falls back
// to Vietnamese, then to the key itself, so a forgotten translation shows up in review instead of crashing.
import { vi } from './vi.js';
import { en } from './en.js';

export type Locale = 'vi' | 'en';
export const LOCALES: readonly Locale[] = ['vi', 'en'];
export type MessageKey = keyof typeof vi;

const catalogues: Record<Locale, Partial<Record<MessageKey, string>>> = { vi, en };

export function isLocale(v: unknown): v is Locale {
  return v === 'vi' || v === 'en';
}

export function t(locale: Locale, key: string, vars: Record<string, string | number> = {}): string {
  const template = catalogues[locale][key as MessageKey] ?? vi[key as MessageKey] ?? key;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}
