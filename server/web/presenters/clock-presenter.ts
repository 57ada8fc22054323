// The legal clock's actions as the ticket page shows them: the pause banner and the timeline lines of pause,
// resume and reopen (issue 14 item 3). Pure: the ticket view comes from services/tickets.
import { t, type Locale } from '../../i18n/index.js';
import type { TicketView } from '../../services/tickets/index.js';
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
  if (kind === 'reopened') return d.via === 'citizen_answer' ? t(locale, 'tickets.event.citizen_answer') : undefined;
  return undefined;
}
