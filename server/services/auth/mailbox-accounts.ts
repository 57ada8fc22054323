/**
 * The web account that lives alongside a person's mailbox (`users.mailbox_id`): every provisioned person signs
 * in with their official mailbox, as the credential sheet promises. Provisioning calls these inside its own
 * transaction, so the account and the mailbox change together:
 * - a new staff mailbox gets a `staff` account in its agency: username = the address, the mailbox's initial
 *   hash, a forced change at the first sign-in (an unlinked account already named after the address is linked
 *   instead of duplicated);
 * - a suspended mailbox's open web sessions end at once (the sign-in itself is refused by mailbox-link.ts);
 *   a leaver's account is disabled as well; a restore enables it again;
 * - a transfer moves the account to the new agency and takes back a role held in the old one: a role is
 *   granted in an agency, it does not travel with the person (audited with from and to).
 */
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { UserAttrs } from '../../db/models/foundation.js';
import { audit } from '../audit/index.js';
import { endUserSessions } from './sessions.js';

const CHUNK = 500;

export interface NewMailboxAccount {
  mailboxId: number;
  address: string;
  displayName: string;
  agencyId: number | null;
  passwordHash: string;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Creates (or links) the accounts of new staff mailboxes; returns how many were created. */
export async function createMailboxAccounts(db: Db, boxes: readonly NewMailboxAccount[]): Promise<number> {
  const { User } = db.models;
  let created = 0;
  for (const chunk of chunks(boxes)) {
    const existing = await User.findAll({ where: { username: chunk.map((b) => b.address) }, attributes: ['id', 'username', 'mailbox_id'] });
    const byName = new Map(existing.map((u) => [u.username, u]));
    for (const b of chunk) {
      const u = byName.get(b.address);
      if (u && u.mailbox_id === null) await u.update({ mailbox_id: b.mailboxId });
    }
    const fresh = chunk.filter((b) => !byName.has(b.address));
    await User.bulkCreate(fresh.map((b) => ({
      username: b.address, display_name: b.displayName, password_hash: b.passwordHash, role: 'staff' as const,
      agency_id: b.agencyId, mailbox_id: b.mailboxId, locale: 'vi', active: true, must_change_password: true, failed_logins: 0,
    })));
    created += fresh.length;
  }
  return created;
}

async function accountsOf(db: Db, mailboxIds: readonly number[]) {
  if (mailboxIds.length === 0) return [];
  const found = [];
  for (const chunk of chunks(mailboxIds)) found.push(...(await db.models.User.findAll({ where: { mailbox_id: { [Op.in]: chunk } } })));
  return found;
}

/** Suspend (disable = false) or leaver (disable = true): open web sessions end now. Returns the accounts touched. */
export async function closeMailboxAccounts(db: Db, mailboxIds: readonly number[], opts: { disable: boolean }): Promise<string[]> {
  const users = await accountsOf(db, mailboxIds);
  for (const u of users) {
    if (opts.disable && u.active) await u.update({ active: false });
    await endUserSessions(db, u.id);
  }
  return users.map((u) => u.username);
}

/** After a restore or a rejoin: the person's account may sign in again. */
export async function reopenMailboxAccounts(db: Db, mailboxIds: readonly number[]): Promise<string[]> {
  const users = (await accountsOf(db, mailboxIds)).filter((u) => !u.active);
  for (const u of users) await u.update({ active: true });
  return users.map((u) => u.username);
}

export interface AccountMove {
  username: string;
  fromAgencyId: number | null;
  toAgencyId: number;
  /** the role taken back, when the account held more than staff in the old agency */
  droppedRole: UserAttrs['role'] | null;
}

/**
 * A transfer: the linked account follows the mailbox to the new agency. A role above staff was granted in the
 * old agency and is taken back (province-wide accounts keep theirs: their scope already holds the new agency).
 */
export async function moveMailboxAccount(db: Db, mailboxId: number, toAgencyId: number, actor: string): Promise<AccountMove | null> {
  const user = await db.models.User.findOne({ where: { mailbox_id: mailboxId } });
  if (!user || user.agency_id === null || user.agency_id === toAgencyId) return null;
  const move: AccountMove = {
    username: user.username, fromAgencyId: user.agency_id, toAgencyId, droppedRole: user.role === 'staff' ? null : user.role,
  };
  await user.update({ agency_id: toAgencyId, role: 'staff' });
  if (move.droppedRole) {
    await endUserSessions(db, user.id);
    const codes = new Map((await db.models.Agency.findAll({ where: { id: [move.fromAgencyId!, toAgencyId] }, attributes: ['id', 'code'], raw: true })).map((a) => [a.id, a.code]));
    await audit(db, { actor, action: 'user.role_dropped', target: `user:${user.username}`,
      details: { role: { from: move.droppedRole, to: 'staff' }, agency: { from: codes.get(move.fromAgencyId!), to: codes.get(toAgencyId) }, reason: 'transfer' } });
  }
  return move;
}
