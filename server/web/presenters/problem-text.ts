// A service's typed failure (ProvisioningError) as text for the page: the hr catalogue's wording when it has a
// key for the error id, else the service's own message (English, precise). 404s become the web's NotFound,
// so a mailbox of another agency looks exactly like one that does not exist.
import { t, type Locale } from '../../i18n/index.js';
import { ProvisioningError } from '../../services/provisioning/errors.js';
import { NotFound } from '../errors.js';

export function problemText(locale: Locale, e: ProvisioningError): string {
  const key = `hr.err.${e.id}`;
  const numbers = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB');
  const params = Object.fromEntries(Object.entries(e.params).map(([k, v]) => [k, typeof v === 'number' ? numbers.format(v) : v]));
  const text = t(locale, key, params);
  return text === key ? e.message : text;
}

/** Rethrows anything that is not a ProvisioningError; turns 404/410 into errors the error page shows. */
export function asPageProblem(locale: Locale, e: unknown): { status: number; text: string } {
  if (!(e instanceof ProvisioningError)) throw e;
  if (e.status === 404) throw NotFound(e.field ?? 'item');
  return { status: e.status, text: problemText(locale, e) };
}

