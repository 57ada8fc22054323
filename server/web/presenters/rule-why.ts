// The tester's "why" column in the reader's language. The triage service keeps its trace stable and log-friendly
// (services/triage/rules.ts: `<reason>` or `<reason>:<evidence>`, several joined by "; ", keyword evidence as
// `<keyword>@<subject|body>`); the page showed those codes as is (`no_keyword_any:both`, issue 15 item 3).
// Pure: each reason becomes `rules.why.<reason>` (the rule fired) or `rules.why_not.<reason>` (it did not).
import { t, type Locale } from '../../i18n/index.js';

const KEYWORD_REASONS = new Set(['keyword', 'keyword_missing', 'keyword_excluded']);
const SCOPES = new Set(['subject', 'body', 'both']);

function reasonText(locale: Locale, matched: boolean, reason: string): string {
  const colon = reason.indexOf(':');
  const id = colon < 0 ? reason : reason.slice(0, colon);
  let value = colon < 0 ? '' : reason.slice(colon + 1);
  let where = '';
  if (KEYWORD_REASONS.has(id)) {
    const at = value.lastIndexOf('@');
    if (at >= 0 && SCOPES.has(value.slice(at + 1))) [value, where] = [value.slice(0, at), value.slice(at + 1)];
  } else if (id === 'no_keyword_any' && SCOPES.has(value)) [value, where] = ['', value];
  else if (id === 'not_evaluated') value = value.replace(/_matched_first$/, '');
  if (id === 'sender_domain_mismatch' && value === 'none') value = t(locale, 'rules.why.no_domain');
  const key = `rules.${matched ? 'why' : 'why_not'}.${id}`;
  const text = t(locale, key, { value, where: where ? t(locale, `rules.in.${where}`) : '' });
  // A reason the catalogue does not know yet stays readable as the service wrote it.
  return text === key ? reason : text;
}

/** The trace's `why` as sentences, e.g. `keyword:sạt lở@subject` → `có từ khóa "sạt lở" trong tiêu đề`. */
export function whyText(locale: Locale, matched: boolean, why: string): string {
  return why.split('; ').map((reason) => reasonText(locale, matched, reason)).join('; ');
}
