// The legal clock's actions as the ticket page shows them: the pause banner and the timeline lines of pause,
// resume and reopen (issue 14 item 3). Pure: the ticket view comes from services/tickets.
import { t, type Locale } from '../../i18n/index.js';
import type { TicketView } from '../../services/tickets/index.js';
import { FEEDBACK_CATEGORIES, TICKET_CLASSES } from '../../services/org/index.js';
import { TRIAGE_PRIORITIES } from '../../services/triage/index.js';
import { formatDateTime } from '../view-helpers.js';

const pauseReason = (locale: Locale, reason: unknown) => {
  const key = `tickets.pause.reason.${String(reason)}`;
  const text = t(locale, key);
  return text === key ? String(reason ?? '') : text;
};

/** The banner of a paused clock, or null while it runs. */
export function pauseView(pause: TicketView['pause'], locale: Locale) {
  if (!pause) return null;
  return { ...pause, text: t(locale, 'tickets.pause.state', { since: formatDateTime(pause.since, locale), reason: pauseReason(locale, pause.reason) }) };
}

/** The detail line of a clock event; undefined when the event is not one of these. */
export function clockEventDetail(kind: string, d: Record<string, unknown>, locale: Locale): string | undefined {
  if (kind === 'pause') return pauseReason(locale, d.reason);
  if (kind === 'resume') return pauseReason(locale, d.pausedFor);
  if (kind === 'reclassified') return reclassifiedText(d, locale);
  if (kind === 'reopened') return d.via === 'citizen_answer' ? t(locale, 'tickets.event.citizen_answer') : undefined;
  return undefined;
}

const inLocale = (locale: Locale, x: { vi: string; en: string } | undefined, code: unknown) => (x ? (locale === 'en' ? x.en : x.vi) : String(code ?? '—'));
export const classLabel = (locale: Locale, code: unknown) => inLocale(locale, TICKET_CLASSES.find((c) => c.code === code), code);
export const categoryLabel = (locale: Locale, code: unknown) => (code ? inLocale(locale, FEEDBACK_CATEGORIES.find((c) => c.code === code), code) : '—');
export const priorityLabel = (locale: Locale, code: unknown) => t(locale, `rules.priority.${String(code)}`);

/** "Khiếu nại → Phản ánh, kiến nghị · Hạn: 2027-01-02 17:00 → …": only the parts that changed. */
function reclassifiedText(d: Record<string, unknown>, locale: Locale): string {
  const from = (d.from ?? {}) as Record<string, unknown>;
  const to = (d.to ?? {}) as Record<string, unknown>;
  const due = (v: unknown) => (v ? formatDateTime(new Date(String(v)), locale) : '—');
  const parts: [string, (l: Locale, v: unknown) => string][] = [['class', classLabel], ['category', categoryLabel], ['priority', priorityLabel], ['due', (_l, v) => due(v)]];
  return parts.filter(([k]) => String(from[k] ?? '') !== String(to[k] ?? ''))
    .map(([k, show]) => `${t(locale, `tickets.reclassify.${k}`)}: ${show(locale, from[k])} → ${show(locale, to[k])}`).join(' · ');
}

/** The reclassify form's options, the ticket's current values selected. */
export function reclassifyOptions(ticket: { class: string; category: string | null; priority: string }, locale: Locale) {
  return {
    classes: TICKET_CLASSES.map((c) => ({ value: c.code, label: classLabel(locale, c.code), selected: c.code === ticket.class })),
    categories: [{ value: '', label: '—', selected: !ticket.category },
      ...FEEDBACK_CATEGORIES.map((c) => ({ value: c.code, label: categoryLabel(locale, c.code), selected: c.code === ticket.category }))],
    priorities: TRIAGE_PRIORITIES.map((p) => ({ value: p, label: priorityLabel(locale, p), selected: p === ticket.priority })),
    classLabel: classLabel(locale, ticket.class),
  };
}
