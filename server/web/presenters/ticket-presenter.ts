// Turns ticket service results into what the workspace templates show: translated labels, filter links and
// flags. Mail text stays plain strings here; the templates escape it ({{ }}) or sandbox the sanitised HTML.
import { t, type Locale } from '../../i18n/index.js';
import { FINISHED_STATUSES, type TicketView } from '../../services/tickets/index.js';
import { toLocalIso } from '../../services/time/index.js';
import { formatDateTime } from '../view-helpers.js';
import { collapseRepeats } from './timeline-runs.js';
import { clockEventDetail, pauseView } from './clock-presenter.js';
import { messageDownloads, slaPanelView } from './ticket-record-presenter.js';

/** A stored ISO instant as province wall-clock text, "2027-04-30 17:00". */
function localDue(v: unknown): string {
  const d = new Date(String(v));
  return Number.isNaN(d.getTime()) ? '' : toLocalIso(d).slice(0, 16).replace('T', ' ');
}

/** A known key's text, or the fallback (t() returns the key itself for unknown keys, e.g. a new event kind). */
function label(locale: Locale, key: string, fallback: string): string {
  const text = t(locale, key);
  return text === key ? fallback : text;
}

export const statusLabel = (locale: Locale, status: string) => label(locale, `tickets.status.${status}`, status);

export function ticketView(view: TicketView, locale: Locale, now = new Date()) {
  const { ticket } = view;
  const done = FINISHED_STATUSES.includes(ticket.status);
  return {
    ticket: { ...ticket, statusLabel: statusLabel(locale, ticket.status) },
    agency: view.agency,
    overdue: Boolean(ticket.due_at && ticket.due_at < now && !done),
    conversation: view.conversation.map((c) => ({ ...c, incoming: c.direction === 'in', stateLabel: label(locale, `tickets.state.${c.state}`, c.state),
      downloads: messageDownloads(ticket.ref, c, locale) })),
    sla: slaPanelView(view.sla, locale),
    // a run of repeated SLA notices is one line: "Nhắc hạn · 4 lần, lần cuối lúc …" (timeline-runs.ts)
    timeline: collapseRepeats(view.timeline).map((e) => ({ ...e, label: label(locale, `tickets.event.${e.kind}`, e.kind),
      detail: clockEventDetail(e.kind, e.details, locale) ?? (e.lastAt ? t(locale, 'tickets.event.repeated', { n: e.count, last: formatDateTime(e.lastAt, locale) })
        : e.kind === 'status' ? `${statusLabel(locale, String(e.details.from))} → ${statusLabel(locale, String(e.details.to))}`
        : e.kind === 'sla_complex' || e.kind === 'sla_extended' ? t(locale, `tickets.extension.event_${e.kind}`, { due: localDue(e.details.resolutionDue),
          n: Number(e.details.extension ?? 0), max: Number(e.details.of ?? 0) })
        : e.kind === 'assign' ? (view.agents.find((a) => a.id === e.details.assigneeId)?.name ?? (e.details.assigneeId ? `#${String(e.details.assigneeId)}` : t(locale, 'tickets.filter.unassigned')))
          : null) })),
    related: view.related.map((r) => ({ ...r, href: r.inScope ? `/tickets/${encodeURIComponent(r.ref)}` : null,
      relationLabel: label(locale, `tickets.relation.${r.relation}`, r.relation ?? ''),
      // "may relate to" offers the merge (the page shows it to those who may merge)
      mergeHref: r.inScope && r.relation === 'may_relate_to' ? `/tickets/${encodeURIComponent(ticket.ref)}/merge?with=${encodeURIComponent(r.ref)}` : null })),
    assignee: view.assignee,
    agents: view.agents.map((a) => ({ ...a, selected: a.id === view.assignee?.id })),
    pause: pauseView(view.pause, locale),
    canPause: view.canPause,
    canAccept: view.canAccept,
    legalClock: { ...view.legalClock, isComplaint: view.legalClock.kind === 'complex', isDenunciation: view.legalClock.kind === 'extend',
      exhausted: view.legalClock.extensions >= view.legalClock.max },
  };
}
