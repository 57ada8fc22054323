// Working time as officers read it, one way on the queue and on the ticket page: whole working days when the
// deadline is another day (counted on the agency's calendar by services/tickets/sla-state.ts, since a working
// day's length varies with the calendar), else hours and minutes of office time.
import { t, tn, type Locale } from '../../i18n/index.js';

export function workingTimeText(minutes: number, locale: Locale, days = 0): string {
  if (days > 0) return tn(locale, 'tickets.sla.days', days);
  const m = Math.abs(Math.round(minutes));
  const h = Math.floor(m / 60);
  return h ? t(locale, 'tickets.sla.hours_minutes', { h, m: m % 60 }) : t(locale, 'tickets.sla.minutes', { m });
}
