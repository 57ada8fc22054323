// The links in the top bar, by role. Each area adds its entry here, so the menu and the route guards agree.
import { ROLES, type Role, type UserAttrs } from '../db/models/foundation.js';
import { t, type Locale } from '../i18n/index.js';

interface NavEntry {
  href: string;
  labelKey: string;
  roles: readonly Role[];
  /** shown only to accounts linked to a mailbox */
  withMailbox?: true;
}

export const NAV_ENTRIES: NavEntry[] = [
  { href: '/account/mailbox', labelKey: 'mine.nav', roles: ROLES, withMailbox: true },
  { href: '/tickets', labelKey: 'nav.tickets', roles: ['agent', 'supervisor', 'leader', 'admin'] },
  { href: '/hr/roster', labelKey: 'hr.nav.roster', roles: ['hr', 'admin'] },
  { href: '/hr/mailboxes', labelKey: 'hr.nav.mailboxes', roles: ['hr', 'admin'] },
  { href: '/hr/coverage', labelKey: 'hr.nav.coverage', roles: ['hr', 'admin', 'leader'] },
  { href: '/admin/agencies', labelKey: 'hr.nav.agencies', roles: ['admin'] },
  { href: '/admin/hotlines', labelKey: 'hotlines.nav', roles: ['admin'] },
  { href: '/admin/rules', labelKey: 'rules.nav', roles: ['admin'] },
  { href: '/admin/sla', labelKey: 'sla_admin.nav', roles: ['admin'] },
  { href: '/admin/calendar', labelKey: 'calendar.nav', roles: ['admin'] },
  { href: '/metrics', labelKey: 'metrics.nav', roles: ['leader', 'supervisor', 'admin'] },
];

export function navLinksFor(user: UserAttrs | undefined, locale: Locale): { href: string; label: string }[] {
  if (!user) return [];
  return NAV_ENTRIES.filter((e) => e.roles.includes(user.role) && (!e.withMailbox || user.mailbox_id !== null)).map((e) => ({ href: e.href, label: t(locale, e.labelKey) }));
}
