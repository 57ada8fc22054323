// A service's typed failure (ProvisioningError) as text for the page: the hr catalogue's wording when it has a
// key for the error id, else the service's own message (English, precise). 404s become the web's NotFound,
// so a mailbox of another agency looks exactly like one that does not exist.
import { t, type Locale } from '../../i18n/index.js';
import { ProvisioningError } from '../../services/provisioning/index.js';
import { NotFound } from '../errors.js';

/** The catalogue's text for a service error id (`hr.err.<id>`), numbers in the reader's style; null without one. */
function catalogueText(locale: Locale, id: string, params: Record<string, string | number>): string | null {
  const key = `hr.err.${id}`;
  const numbers = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB');
  const text = t(locale, key, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'number' ? numbers.format(v) : v])));
  return text === key ? null : text;
}

/** Any service error that carries a stable id and params (the password rules, a user's input): the catalogue's
 * `hr.err.<id>` in the reader's language, else the service's own message. */
export function idText(locale: Locale, e: { id: string; params?: Record<string, string | number>; message: string }): string {
  return catalogueText(locale, e.id, e.params ?? {}) ?? e.message;
}

export function problemText(locale: Locale, e: ProvisioningError): string {
  return catalogueText(locale, e.id, e.params) ?? e.message;
}

/** Row problems of an import as the page shows them: the catalogue's text where the service gave an id. */
export function issueTexts<T extends { message: string; id?: string; params?: Record<string, string | number> }>(locale: Locale, issues: readonly T[]): T[] {
  return issues.map((i) => {
    const text = i.id ? catalogueText(locale, i.id, i.params ?? {}) : null;
    return text === null ? i : { ...i, message: text };
  });
}

/** Rethrows anything that is not a ProvisioningError; turns 404/410 into errors the error page shows. */
export function asPageProblem(locale: Locale, e: unknown): { status: number; text: string } {
  if (!(e instanceof ProvisioningError)) throw e;
  if (e.status === 404) throw NotFound(e.field ?? 'item');
  return { status: e.status, text: problemText(locale, e) };
}


/**
 * Which form field a service refusal belongs next to: the service's field, renamed where the form calls it
 * otherwise (`rename`), if the form has it; else `fallback` (null: the page shows it as a flash instead).
 */
export function fieldProblem(
  locale: Locale, e: ProvisioningError, form: { fields: readonly string[]; rename?: Readonly<Record<string, string>>; fallback: string | null },
): { field: string | null; text: string } {
  const named = e.field === null ? null : (form.rename?.[e.field] ?? e.field);
  return { field: named !== null && form.fields.includes(named) ? named : form.fallback, text: problemText(locale, e) };
}
