// The accounts an admin may see (their agency's, or all for a province-wide admin), filtered by agency, role
// and text (tone-insensitive: "nguyen van an" finds "Nguyễn Văn An"), and one account's audit trail.
import { Op, type WhereOptions } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { Role, UserAttrs } from '../../db/models/foundation.js';
import { type Actor, holdsAgency } from '../auth/index.js';
import { stripToneMarks } from '../text/index.js';
import { agencyByCode, assertAccountManager, parseRole, reachableAccount } from './account-rules.js';

export interface AccountItem {
  username: string;
  name: string;
  role: Role;
  /** agency code; null = province-wide */
  agency: string | null;
  /** the linked mailbox's current address */
  mailbox: string | null;
  active: boolean;
  /** locked out after failed sign-ins, until locked_until */
  locked: boolean;
  last_login_at: Date | null;
}

export interface AccountFilter {
  agency?: string | null;
  role?: string | null;
  q?: string | null;
}

const fold = (s: string): string => stripToneMarks(s.normalize('NFC')).toLowerCase().replace(/\s+/g, ' ').trim();
const CHUNK = 500;

/** The filter as a query on users, within the actor's scope; null when it can list nothing. */
async function accountsWhere(db: Db, filter: AccountFilter, actor: Actor): Promise<WhereOptions<UserAttrs> | null> {
  assertAccountManager(actor);
  const agency = await agencyByCode(db, filter.agency);
  // Another agency than the actor's own is outside their scope: it lists nothing rather than erring.
  if (agency && !holdsAgency(actor, agency.id)) return null;
  const where: WhereOptions<UserAttrs> = {};
  const agencyId = agency?.id ?? actor.agencyId;
  if (agencyId !== null) Object.assign(where, { agency_id: agencyId });
  if (filter.role) Object.assign(where, { role: parseRole(filter.role) });
  return where;
}

const matches = (needle: string) => (u: Pick<UserAttrs, 'username' | 'display_name'>) => fold(`${u.username} ${u.display_name}`).includes(needle);

export async function listAccounts(db: Db, filter: AccountFilter, actor: Actor, now = new Date()): Promise<AccountItem[]> {
  const where = await accountsWhere(db, filter, actor);
  if (where === null) return [];
  const users = await db.models.User.findAll({ where, order: [['username', 'ASC']], raw: true });
  const needle = filter.q ? fold(filter.q) : '';
  return toItems(db, needle ? users.filter(matches(needle)) : users, now);
}

export interface AccountPage {
  items: AccountItem[];
  total: number;
  /** the page shown: the one asked for, within 1..pages */
  page: number;
  pages: number;
}

/**
 * One page of the accounts listAccounts gives, paged in SQL. The text filter folds tones, which SQL cannot, so
 * with one the names alone are read to find the matches and only the page's accounts are loaded in full.
 */
export async function listAccountsPage(db: Db, filter: AccountFilter, actor: Actor, paging: { page: number; size: number }, now = new Date()): Promise<AccountPage> {
  const where = await accountsWhere(db, filter, actor);
  if (where === null) return { items: [], total: 0, page: 1, pages: 1 };
  const { User } = db.models;
  const needle = filter.q ? fold(filter.q) : '';
  const matched = needle
    ? (await User.findAll({ where, attributes: ['id', 'username', 'display_name'], order: [['username', 'ASC']], raw: true })).filter(matches(needle)).map((u) => u.id)
    : null;
  const total = matched ? matched.length : await User.count({ where });
  const pages = Math.max(1, Math.ceil(total / paging.size));
  const page = Math.min(Math.max(1, paging.page), pages);
  const offset = (page - 1) * paging.size;
  const users = matched
    ? await User.findAll({ where: { id: { [Op.in]: matched.slice(offset, offset + paging.size) } }, order: [['username', 'ASC']], raw: true })
    : await User.findAll({ where, order: [['username', 'ASC']], limit: paging.size, offset, raw: true });
  return { items: await toItems(db, users, now), total, page, pages };
}

/** Users as list items: agency codes and the linked mailboxes' current addresses. */
async function toItems(db: Db, users: readonly UserAttrs[], now: Date): Promise<AccountItem[]> {
  const agencyIds = [...new Set(users.flatMap((u) => (u.agency_id === null ? [] : [u.agency_id])))];
  const codes = new Map(agencyIds.length === 0 ? [] : (await db.models.Agency.findAll({ where: { id: { [Op.in]: agencyIds } }, attributes: ['id', 'code'], raw: true })).map((a) => [a.id, a.code]));
  const boxIds = users.flatMap((u) => (u.mailbox_id === null ? [] : [u.mailbox_id]));
  const addresses = new Map<number, string>();
  for (let i = 0; i < boxIds.length; i += CHUNK) {
    const rows = await db.models.Mailbox.findAll({ where: { id: { [Op.in]: boxIds.slice(i, i + CHUNK) } }, attributes: ['id', 'address'], raw: true });
    for (const b of rows) addresses.set(b.id, b.address);
  }
  return users.map((u) => ({
    username: u.username, name: u.display_name, role: u.role, agency: u.agency_id === null ? null : (codes.get(u.agency_id) ?? null),
    mailbox: u.mailbox_id === null ? null : (addresses.get(u.mailbox_id) ?? null), active: !!u.active,
    locked: u.locked_until !== null && new Date(u.locked_until) > now, last_login_at: u.last_login_at === null ? null : new Date(u.last_login_at),
  }));
}

/** One account the actor reaches (else 404 / 403, as account-rules.ts says). */
export async function findAccount(db: Db, username: string, actor: Actor, now = new Date()): Promise<AccountItem> {
  const user = await reachableAccount(db, actor, username);
  return (await toItems(db, [user.get({ plain: true })], now))[0]!;
}

export interface TrailEntry {
  at: Date;
  actor: string;
  action: string;
  details: Record<string, unknown> | null;
}

export const TRAIL_LIMIT = 100;

/** The newest audit rows about one account (created, role changes, disable/enable, unlock, role taken back). */
export async function accountTrail(db: Db, username: string, actor: Actor): Promise<TrailEntry[]> {
  const user = await reachableAccount(db, actor, username);
  const rows = await db.models.AuditLog.findAll({ where: { target: `user:${user.username}` }, order: [['id', 'DESC']], limit: TRAIL_LIMIT, raw: true });
  return rows.map((r) => ({ at: new Date(r.at), actor: r.actor, action: r.action, details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null }));
}
