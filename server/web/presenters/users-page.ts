// /admin/users as the page shows it: a page of the accounts the admin may see, the role and scope choices the
// admin may grant (never more: the service refuses the rest anyway), and the audit trail as readable lines.
// The accounts and the rules come from services/users.
import type { Role } from '../../db/models/foundation.js';
import { t, type Locale } from '../../i18n/index.js';
import type { Actor } from '../../services/auth/index.js';
import { grantableRoles, ROLES, type AccountItem, type AccountPage, type TrailEntry } from '../../services/users/index.js';

export const USERS_PAGE_SIZE = 50;

export interface UsersListPage {
  items: AccountItem[];
  total: number;
  page: number;
  pages: number;
  prev: number | null;
  next: number | null;
}

/** The service's page (users listAccountsPage) with the links either side. */
export function usersListPage(p: AccountPage): UsersListPage {
  return { ...p, prev: p.page > 1 ? p.page - 1 : null, next: p.page < p.pages ? p.page + 1 : null };
}

export interface Option { value: string; label: string; selected: boolean }

/** Every role, for the list's filter. */
export const allRoleOptions = (locale: Locale, selected?: string): Option[] =>
  ROLES.map((r) => ({ value: r, label: t(locale, `role.${r}`), selected: r === selected }));

/** The roles this admin may grant, as select options. */
export const roleOptions = (locale: Locale, actor: Actor, selected?: string): Option[] =>
  grantableRoles(actor).map((r: Role) => ({ value: r, label: t(locale, `role.${r}`), selected: r === selected }));

/** Scopes this admin may grant: the whole province (value '') only to a province-wide admin, then the agencies
 *  in their scope. */
export function scopeOptions(locale: Locale, actor: Actor, agencies: readonly { code: string; name: string }[], selected?: string | null): Option[] {
  return [
    ...(actor.agencyId === null ? [{ value: '', label: t(locale, 'users.scope_province'), selected: !selected }] : []),
    ...agencies.map((a) => ({ value: a.code, label: `${a.code} — ${a.name}`, selected: a.code === selected })),
  ];
}

/** The catalogue's text for `key`, or `fallback` when it has none (an audit row written by a newer version). */
const textOr = (locale: Locale, key: string, fallback: string): string => {
  const text = t(locale, key);
  return text === key ? fallback : text;
};

/** A recorded value as people read it: roles and yes/no in the reader's language, — for none. */
function shown(locale: Locale, key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return t(locale, `users.value.${v}`);
  if (key === 'role' && (ROLES as readonly unknown[]).includes(v)) return t(locale, `role.${String(v)}`);
  return String(v);
}

/** One audit row as "what happened" and "what changed" (from → to per field, else the facts it recorded), each
 *  field by its label, not the key stored in the audit row. */
export function trailLines(locale: Locale, trail: readonly TrailEntry[]): { at: Date; actor: string; action: string; change: string }[] {
  return trail.map((e) => {
    const label = t(locale, `users.action.${e.action}`);
    const change = Object.entries(e.details ?? {}).map(([key, value]) => {
      const name = textOr(locale, `users.field.${key}`, key);
      const from = (value as { from?: unknown } | null)?.from;
      const to = (value as { to?: unknown } | null)?.to;
      return value !== null && typeof value === 'object' && 'to' in value
        ? `${name}: ${shown(locale, key, from)} → ${shown(locale, key, to)}` : `${name}: ${shown(locale, key, value)}`;
    }).join('; ');
    return { at: e.at, actor: e.actor, action: label === `users.action.${e.action}` ? e.action : label, change };
  });
}
