// The rows of /review (issue 14 item 6) in the reader's language. Ingestion keeps the classifier's reason stable and
// log-friendly (`<rule>` or `<rule>:<evidence>`, classify.ts; a parse error's reason for quarantined mail); the
// page says it in words and keeps the code in data-why for whoever tunes the rules. Pure.
import { t, type Locale } from '../../i18n/index.js';
import type { ReviewMail } from '../../services/ingestion/index.js';

/** The reason of one set-aside mail as a sentence; unknown rules fall back to what their kind means. */
export function reviewReasonText(locale: Locale, kind: ReviewMail['classification'], reason: string | null): string {
  const rule = (reason ?? '').split(':')[0];
  const key = `review.reason.${rule}`;
  const text = rule ? t(locale, key) : key;
  if (text !== key) return text;
  // A header's presence (list-id, x-autoreply…) is the rule itself: say what kind of header.
  if (kind === 'list' || kind === 'auto_reply') return t(locale, `review.reason.${kind}`);
  return t(locale, rule.includes('-') ? 'review.reason.header' : 'review.reason.unknown');
}

export function reviewRowsView(mails: ReviewMail[], locale: Locale) {
  return mails.map((m) => ({
    id: m.id, receivedAt: m.receivedAt, from: m.from || t(locale, 'review.no_sender'), subject: m.subject || t(locale, 'review.no_subject'),
    kind: m.classification, kindLabel: t(locale, `review.kind.${m.classification}`), reason: reviewReasonText(locale, m.classification, m.reason),
    code: m.reason ?? '', quarantined: m.classification === 'quarantined', key: m.key,
  }));
}
