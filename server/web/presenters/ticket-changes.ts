// What others changed on a ticket since a form was drawn (services/tickets staleness.ts), one line per change:
// when, what (the timeline's name for the event) and by whom. The ticket page's stale-form panel and the queue's
// bulk result say it the same way. Pure.
import { t, type Locale } from '../../i18n/index.js';
import type { TicketStaleError } from '../../services/tickets/index.js';
import { formatDateTime } from '../view-helpers.js';

export function changeLine(c: TicketStaleError['changes'][number], locale: Locale): string {
  return `${formatDateTime(c.at, locale)} · ${t(locale, `tickets.event.${c.kind}`)}${c.by ? ` · ${c.by}` : ''}`;
}
