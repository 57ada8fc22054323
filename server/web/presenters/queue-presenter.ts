// The queue page's view: rows with class, priority and clock badges, the filter form's options, the saved views,
// links that keep the filters, and the bulk form. Pure: the page comes from services/tickets.
import { t, type Locale } from '../../i18n/index.js';
import type { BulkResult, QueuePage } from '../../services/tickets/index.js';
import { BUILT_IN_VIEWS, QUEUE_SORTS, SETTABLE_STATUSES, SLA_STATES, TICKET_STATUSES } from '../../services/tickets/index.js';
import { FEEDBACK_CATEGORIES, TICKET_CLASSES } from '../../services/org/index.js';
import { TRIAGE_PRIORITIES } from '../../services/triage/index.js';
import { classLabel, categoryLabel, priorityLabel } from './clock-presenter.js';
import { statusLabel } from './ticket-presenter.js';
import { workingTimeText } from './working-time.js';
import { changeLine } from './ticket-changes.js';

export interface QueueQuery {
  agency?: number; status?: string; class?: string; category?: string; priority?: string; sla?: string;
  assignee?: 'me' | 'none' | number; from?: string; to?: string; q?: string; sort?: string; after?: string;
}
const FILTER_KEYS = ['agency', 'status', 'class', 'category', 'priority', 'sla', 'assignee', 'from', 'to', 'q', 'sort'] as const;

/** The query string of these filters (no cursor). */
export function queueQueryString(q: QueueQuery, change: Partial<QueueQuery> = {}): string {
  const merged: Record<string, unknown> = { ...q, ...change };
  const params = new URLSearchParams();
  for (const key of [...FILTER_KEYS, 'after']) {
    const v = merged[key];
    if (v !== undefined && v !== '') params.set(key, String(v));
  }
  return params.toString();
}
const href = (qs: string) => (qs ? `/tickets?${qs}` : '/tickets');

/** A label without its trailing parenthesised gloss: "Khẩn (thiên tai, dịch bệnh, an toàn)" → "Khẩn". */
export const badgeText = (label: string): string => label.replace(/\s*\([^()]*\)\s*$/, '') || label;

const options = (values: readonly string[], selected: string | undefined, labelOf: (v: string) => string, anyLabel: string) =>
  [{ value: '', label: anyLabel, selected: !selected }, ...values.map((v) => ({ value: v, label: labelOf(v), selected: v === selected }))];

export interface QueueExtras {
  views: { id: number; name: string; query: string }[];
  agencies: { id: number; code: string; name: string }[];
  agents: { id: number; name: string }[];
  canBulk: boolean;
}

type QueueItem = QueuePage['items'][number];

/** The rows as queue-rows.hbs shows them (drawn once per kept page: server/web/queue-rows.ts). */
export const queueRows = (items: readonly QueueItem[], locale: Locale) => items.map((i) => queueRow(i, locale));

/** One row as the template shows it. Every field is named rather than spread from the item (`{ ...i, more }`):
 *  V8 builds such an object on a slow path, and the queue's rows were most of its presenter's time. */
function queueRow(i: QueueItem, locale: Locale) {
  const classText = classLabel(locale, i.class);
  const priorityText = priorityLabel(locale, i.priority);
  return {
    id: i.id, ref: i.ref, subject: i.subject, citizen: i.citizen, status: i.status, agency: i.agency,
    class: i.class, category: i.category, priority: i.priority, receivedAt: i.receivedAt, dueAt: i.dueAt,
    assignee: i.assignee, sla: i.sla, left: i.left,
    statusLabel: statusLabel(locale, i.status), href: `/tickets/${encodeURIComponent(i.ref)}`,
    // the queue's one-line cell shows the name; the address stays in its title
    citizenName: i.citizen.replace(/\s*<[^>]*>$/, '') || i.citizen,
    // the badge drops the class's parenthesised gloss ("Khẩn (thiên tai, dịch bệnh, an toàn)" filled the whole
    // subject cell at 1366 px); the full name stays in its title
    classLabel: badgeText(classText), classTitle: classText, priorityLabel: priorityText,
    // …and an urgent priority on the urgent class would say "Khẩn" twice
    showPriority: (i.priority === 'urgent' || i.priority === 'high') && priorityText !== badgeText(classText),
    slaLabel: i.sla ? t(locale, `queue.sla.${i.sla}`) : null,
    leftText: i.left === null ? null : t(locale, i.left.late ? 'queue.left.late' : 'queue.left.left', { time: workingTimeText(i.left.minutes, locale, i.left.days) }),
    overdue: i.sla === 'overdue',
  };
}

export function queueView(page: QueuePage, q: QueueQuery, locale: Locale, extras: QueueExtras) {
  const total = Object.values(page.counts).reduce((a, b) => a + b, 0);
  const any = t(locale, 'queue.filter.any');
  const current = queueQueryString(q, { after: undefined });
  const moreFilters = Boolean(q.agency || q.class || q.category || q.priority || q.sla || q.from || q.to || q.sort);
  return {
    hasRows: page.items.length > 0,
    summary: [
      { label: t(locale, 'tickets.filter.all'), count: total, href: href(queueQueryString(q, { status: undefined, after: undefined })), active: !q.status },
      ...Object.entries(page.counts).filter(([s, n]) => n > 0 || s !== 'archived')
        .map(([s, n]) => ({ label: statusLabel(locale, s), count: n, href: href(queueQueryString(q, { status: s, after: undefined })), active: q.status === s })),
    ],
    views: [
      ...BUILT_IN_VIEWS.map((v) => ({ label: t(locale, `queue.view.${v.key}`), href: href(v.query), active: current === v.query })),
      ...extras.views.map((v) => ({ id: v.id, label: v.name, href: href(v.query), active: current === v.query, own: true })),
    ],
    currentQuery: current,
    filter: { q: q.q ?? '', from: q.from ?? '', to: q.to ?? '', status: q.status ?? '' },
    moreFilters,
    assigneeOptions: [
      ['', t(locale, 'tickets.filter.anyone')], ['me', t(locale, 'tickets.filter.me')], ['none', t(locale, 'tickets.filter.unassigned')],
      ...extras.agents.map((a) => [String(a.id), a.name]),
    ].map(([value, label]) => ({ value, label, selected: value === (q.assignee === undefined ? '' : String(q.assignee)) })),
    agencyOptions: extras.agencies.length
      ? options(extras.agencies.map((a) => String(a.id)), q.agency ? String(q.agency) : undefined,
        (v) => { const a = extras.agencies.find((x) => String(x.id) === v)!; return `${a.code} · ${a.name}`; }, any) : null,
    statusOptions: options(TICKET_STATUSES, q.status, (v) => statusLabel(locale, v), any),
    classOptions: options(TICKET_CLASSES.map((c) => c.code), q.class, (v) => classLabel(locale, v), any),
    categoryOptions: [...options(FEEDBACK_CATEGORIES.map((c) => c.code), q.category, (v) => categoryLabel(locale, v), any),
      { value: 'none', label: t(locale, 'queue.filter.uncategorised'), selected: q.category === 'none' }],
    priorityOptions: options(TRIAGE_PRIORITIES, q.priority, (v) => priorityLabel(locale, v), any),
    slaOptions: options(SLA_STATES, q.sla, (v) => t(locale, `queue.sla.${v}`), any),
    sortOptions: QUEUE_SORTS.map((s) => ({ value: s, label: t(locale, `queue.sort.${s}`), selected: s === (q.sort ?? 'due') })),
    total: page.total,
    more: page.next ? { first: q.after ? href(current) : null, next: href(queueQueryString(q, { after: page.next })) }
      : q.after ? { first: href(current), next: null } : null,
    bulk: extras.canBulk ? {
      agents: extras.agents,
      statuses: SETTABLE_STATUSES.map((s) => ({ value: s, label: statusLabel(locale, s) })),
      categories: [{ value: '', label: '—' }, ...FEEDBACK_CATEGORIES.map((c) => ({ value: c.code, label: categoryLabel(locale, c.code) }))],
    } : null,
  };
}

/**
 * The result page of a bulk action: what changed, what was already so, what was refused and why (for a ticket
 * changed since the queue was drawn, what changed), and the form that does it anyway on those (`fields`: the
 * action as posted).
 */
export function bulkSummary(r: BulkResult, locale: Locale, fields: Record<string, string>) {
  const changedSince = r.refused.filter((x) => x.reason === 'changed').map((x) => x.ref);
  return {
    changed: r.changed, unchanged: r.unchanged,
    refused: r.refused.map((x) => ({ ref: x.ref, reason: t(locale, `queue.bulk.refused_${x.reason}`),
      changes: (x.changes ?? []).map((c) => changeLine(c, locale)) })),
    again: changedSince.length ? Object.entries({ ...fields, refs: changedSince.join(','), confirm: '1', confirm_stale: '1' }).map(([name, value]) => ({ name, value })) : null,
  };
}
