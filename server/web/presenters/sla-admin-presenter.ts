// The SLA grid and the calendar page as the templates show them, with labels in the page's language.
import { t, type Locale } from '../../i18n/index.js';
import { TICKET_CLASSES } from '../../services/org/index.js';
import type { SlaPolicy, CalendarYear } from '../../services/sla/index.js';
import { cellKey, PERIOD_UNITS, type ParsedGrid, type Target } from '../forms/policy-form.js';

/** Rows = classes, columns = priorities; each target shows the typed value when the grid came back invalid. */
export function policyGridView(policies: readonly SlaPolicy[], locale: Locale, submitted?: ParsedGrid) {
  const priorities = [...new Set(policies.map((p) => p.priority))];
  const target = (p: SlaPolicy, which: Target) => {
    const stored = which === 'fr' ? p.firstResponse : p.resolution;
    const typed = submitted?.typed.get(cellKey(p.class, p.priority))?.[which];
    const unit = typed?.unit ?? stored.unit;
    return { name: `${p.class}.${p.priority}.${which}`, amount: typed?.amount ?? String(stored.amount),
      invalid: submitted?.invalid.has(`${cellKey(p.class, p.priority)}.${which}`) ?? false,
      units: PERIOD_UNITS.map((u) => ({ value: u, label: t(locale, `sla_admin.unit.${u}`), selected: u === unit })) };
  };
  return {
    priorities: priorities.map((p) => ({ code: p, label: t(locale, `rules.priority.${p}`) })),
    rows: TICKET_CLASSES.map((c) => ({ code: c.code, label: c[locale], legalSource: c.legalSource,
      fromAcceptance: c.resolutionFrom === 'acceptance',
      cells: priorities.map((pr) => policies.find((p) => p.class === c.code && p.priority === pr)!)
        .map((p) => ({ priority: p.priority, targets: [target(p, 'fr'), target(p, 'res')] })) })),
  };
}

const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export function calendarView(cal: CalendarYear, locale: Locale) {
  const weekday = (iso: string) => t(locale, `calendar.weekday.${WEEKDAY_KEYS[new Date(`${iso}T00:00:00Z`).getUTCDay()]}`);
  return {
    year: cal.year, prevYear: cal.year - 1, nextYear: cal.year + 1,
    daysOff: cal.daysOff.map((d) => ({ ...d, weekday: weekday(d.date), sourceLabel: t(locale, d.source === 'override' ? 'calendar.source.override'
      : d.source === 'date-holidays' ? 'calendar.source.public' : 'calendar.source.legal') })),
    overrides: cal.overrides.map((o) => ({ date: o.date, reason: o.reason, weekday: weekday(o.date), kindLabel: t(locale, `calendar.kind.${o.kind}`), kind: o.kind })),
    week: cal.week.map((w) => ({ label: t(locale, `calendar.weekday.${WEEKDAY_KEYS[w.weekday]}`), periods: w.periods || t(locale, 'calendar.closed') })),
  };
}
