// The home page per role (issue 15 item 7), pure: the figures each service loaded, shaped into tiles and short
// lists with labels and links. The route decides which parts a role gets; nothing is queried here.
import type { Locale } from '../../i18n/index.js';
import { t } from '../../i18n/index.js';
import type { QueueSummary } from '../../services/tickets/index.js';
import type { HotlineHealth, MonthOnTime } from '../../services/metrics/index.js';
import type { Coverage } from '../../services/provisioning/index.js';
import type { InFlightImport } from '../../services/uploads/index.js';
import type { AdminAlerts } from '../../services/outbox/index.js';

export interface Tile { label: string; value: string; href?: string; tone?: 'danger' | 'warning' | 'success'; testid: string }

const num = (locale: Locale, n: number) => new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB').format(n);
const pct = (locale: Locale, p: number) => `${new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 }).format(p)} %`;

export function queueTiles(locale: Locale, q: QueueSummary): Tile[] {
  return [
    { label: t(locale, 'tickets.status.new'), value: num(locale, q.counts.new ?? 0), href: '/tickets?status=new', testid: 'home-new' },
    { label: t(locale, 'tickets.status.open'), value: num(locale, q.counts.open ?? 0), href: '/tickets?status=open', testid: 'home-open' },
    { label: t(locale, 'home.mine'), value: num(locale, q.mine), href: '/tickets?assignee=me', testid: 'home-mine' },
    { label: t(locale, 'home.overdue'), value: num(locale, q.overdueTotal), href: '/tickets', tone: q.overdueTotal ? 'danger' : 'success', testid: 'home-overdue' },
  ];
}

export function overdueList(q: QueueSummary) {
  return q.overdue.map((o) => ({ ...o, href: `/tickets/${encodeURIComponent(o.ref)}` }));
}

export function monthTile(locale: Locale, m: MonthOnTime): Tile & { hint: string } {
  return {
    label: t(locale, 'home.month_on_time', { month: `${m.month.slice(5)}/${m.month.slice(0, 4)}` }),
    value: m.pct === null ? '—' : pct(locale, m.pct),
    href: `/metrics?from=${m.from}&to=${m.to}`,
    tone: m.pct === null ? undefined : m.pct >= 90 ? 'success' : m.pct >= 70 ? 'warning' : 'danger',
    testid: 'home-on-time',
    hint: m.pct === null ? t(locale, 'home.month_none') : t(locale, 'home.month_hint', { on_time: num(locale, m.on_time), judged: num(locale, m.on_time + m.late), received: num(locale, m.received) }),
  };
}

export function coverageTiles(locale: Locale, c: Coverage): Tile[] {
  return [
    { label: t(locale, 'home.covered'), value: pct(locale, c.total.covered_pct), href: '/hr/coverage', testid: 'home-covered',
      tone: c.total.covered_pct >= 95 ? 'success' : 'warning' },
    { label: t(locale, 'home.never_logged_in'), value: num(locale, c.total.never_logged_in), href: '/hr/mailboxes', testid: 'home-never' },
    { label: t(locale, 'home.suspended'), value: num(locale, c.total.suspended), href: '/hr/mailboxes', testid: 'home-suspended' },
  ];
}

export function importList(locale: Locale, runs: InFlightImport[]) {
  return runs.map((r) => ({
    ...r,
    label: t(locale, r.kind === 'roster' ? 'home.import_roster' : 'home.import_org'),
    progress: r.total ? `${num(locale, r.done)}/${num(locale, r.total)}` : t(locale, `home.import_${r.status}`),
    href: r.kind === 'roster' ? `/hr/roster/uploads/${r.token}` : `/admin/agencies/uploads/${r.token}`,
  }));
}

export function inboxList(locale: Locale, rows: HotlineHealth[]) {
  return rows.map((h) => ({ ...h, stateLabel: t(locale, `metrics.hotline.${h.state}`), tone: h.state === 'failing' ? 'danger' : 'warning' }));
}

export function alertTiles(locale: Locale, a: AdminAlerts): Tile[] {
  return (['failed', 'unknown', 'held'] as const).map((s) => ({
    label: t(locale, `home.outbox_${s}`), value: num(locale, a.stuck[s]), tone: a.stuck[s] ? 'danger' : 'success', testid: `home-outbox-${s}`,
  }));
}
