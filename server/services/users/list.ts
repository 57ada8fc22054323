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

export async function listAccounts(db: Db, filter: AccountFilter, actor: Actor, now = new Date()): Promise<AccountItem[]> {
  assertAccountManager(actor);
  const agency = await agencyByCode(db, filter.agency);
  // Another agency than the actor's own is outside their scope: it lists nothing rather than erring.
  if (agency && !holdsAgency(actor, agency.id)) return [];
  const where: WhereOptions<UserAttrs> = {};
  const agencyId = agency?.id ?? actor.agencyId;
  if (agencyId !== null) Object.assign(where, { agency_id: agencyId });
  if (filter.role) Object.assign(where, { role: parseRole(filter.role) });
  const users = await db.models.User.findAll({ where, order: [['username', 'ASC']], raw: true });
  const needle = filter.q ? fold(filter.q) : '';
  const shown = needle ? users.filter((u) => fold(`${u.username} ${u.display_name}`).includes(needle)) : users;
  return toItems(db, shown, now);
}

/** Users as list items: agency codes and the linked mailboxes' current addresses. */
async function toItems(db: Db, users: readonly UserAttrs[], now: Date): Promise<AccountItem[]> {
  const codes = new Map((await db.models.Agency.findAll({ attributes: ['id', 'code'], raw: true })).map((a) => [a.id, a.code]));
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
