// The sidebar, by role. Each area adds one entry here (href, label key, icon from views/static/icons.svg, group,
// roles), so the menu and the route guards agree. The entry whose href is the longest prefix of the current
// path is marked aria-current="page".
import type { Role, UserAttrs } from '../db/models/foundation.js';
import { ROLES } from '../services/users/index.js';
import { t, type Locale } from '../i18n/index.js';

export type NavGroup = 'work' | 'people' | 'settings';

interface NavEntry {
  href: string;
  labelKey: string;
  icon: string;
  group: NavGroup;
  roles: readonly Role[];
  /** shown only to accounts linked to a mailbox */
  withMailbox?: true;
  /** province-wide settings: not shown to agency-scoped users (the routes answer them 403) */
  provinceWide?: true;
}

export const NAV_GROUPS: { id: NavGroup; labelKey: string }[] = [
  { id: 'work', labelKey: 'nav.group.work' },
  { id: 'people', labelKey: 'nav.group.people' },
  { id: 'settings', labelKey: 'nav.group.settings' },
];

export const NAV_ENTRIES: NavEntry[] = [
  { href: '/', labelKey: 'nav.home', icon: 'house', group: 'work', roles: ROLES },
  { href: '/account/mailbox', labelKey: 'mine.nav', icon: 'mailbox', group: 'work', roles: ROLES, withMailbox: true },
  { href: '/tickets', labelKey: 'nav.tickets', icon: 'inbox', group: 'work', roles: ['agent', 'supervisor', 'leader', 'admin'] },
  { href: '/review', labelKey: 'review.nav', icon: 'funnel', group: 'work', roles: ['agent', 'supervisor', 'admin'] },
  { href: '/metrics', labelKey: 'metrics.nav', icon: 'chart-column', group: 'work', roles: ['leader', 'supervisor', 'admin'] },
  { href: '/hr/roster', labelKey: 'hr.nav.roster', icon: 'upload', group: 'people', roles: ['hr', 'admin'] },
  { href: '/hr/mailboxes', labelKey: 'hr.nav.mailboxes', icon: 'mail', group: 'people', roles: ['hr', 'admin'] },
  { href: '/hr/shared-mailboxes', labelKey: 'shared.nav', icon: 'at-sign', group: 'people', roles: ['hr', 'admin'] },
  { href: '/hr/coverage', labelKey: 'hr.nav.coverage', icon: 'chart-pie', group: 'people', roles: ['hr', 'admin', 'leader'] },
  { href: '/reply-templates', labelKey: 'replies.nav', icon: 'pencil', group: 'settings', roles: ['supervisor', 'admin'] },
  { href: '/admin/users', labelKey: 'users.nav', icon: 'users', group: 'people', roles: ['admin'] },
  { href: '/admin/agencies', labelKey: 'hr.nav.agencies', icon: 'building-2', group: 'settings', roles: ['admin'], provinceWide: true },
  { href: '/admin/hotlines', labelKey: 'hotlines.nav', icon: 'radio-tower', group: 'settings', roles: ['admin'] },
  { href: '/admin/rules', labelKey: 'rules.nav', icon: 'list-filter', group: 'settings', roles: ['admin'] },
  { href: '/admin/sla', labelKey: 'sla_admin.nav', icon: 'timer', group: 'settings', roles: ['admin'] },
  { href: '/admin/calendar', labelKey: 'calendar.nav', icon: 'calendar-days', group: 'settings', roles: ['admin'] },
];

export interface NavLink {
  href: string;
  label: string;
  icon: string;
  current: boolean;
}
export interface NavSection {
  label: string;
  links: NavLink[];
}

/** The entry a path belongs to: exact match, or the longest href that is a whole-segment prefix of it. */
export function currentHref(path: string, hrefs: string[]): string | undefined {
  const fits = hrefs.filter((h) => path === h || (h !== '/' && path.startsWith(`${h}/`)));
  return fits.sort((a, b) => b.length - a.length)[0];
}

/** The sidebar's sections for this user (empty groups left out), with the current page marked. */
export function navFor(user: UserAttrs | undefined, locale: Locale, path: string): NavSection[] {
  if (!user) return [];
  const mine = NAV_ENTRIES.filter((e) => e.roles.includes(user.role) && (!e.withMailbox || user.mailbox_id !== null) && (!e.provinceWide || user.agency_id === null));
  const current = currentHref(path, mine.map((e) => e.href));
  return NAV_GROUPS.map((g) => ({
    label: t(locale, g.labelKey),
    links: mine.filter((e) => e.group === g.id)
      .map((e) => ({ href: e.href, label: t(locale, e.labelKey), icon: e.icon, current: e.href === current })),
  })).filter((s) => s.links.length > 0);
}
