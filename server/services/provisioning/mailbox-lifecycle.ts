/**
 * One mailbox at a time, for HR (web, scoped to its agency) and the CLI. Every action takes the actor: the
 * mailbox must be in the actor's agency (else it looks absent) and its person's account must not outrank the
 * actor (mailbox-guard.ts). Every action writes one audit row naming the person, never with a password. Meaning of the flags (the contract with Dovecot/Postfix, migration 0002):
 * suspend → allow_login=0 (no login, mail still delivered); leaver → the same plus staff.status='left'.
 * Open IMAP sessions survive both until `doveadm kick <user>` (provisioning.md pitfall 3): with a kicker
 * configured (DOVEADM_KICK) both run it after the commit, best effort (cut-sessions.ts).
 */
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import type { MailboxAttrs } from '../../db/models/mail-accounts.js';
import type { Row } from '../../db/models/define.js';
import { audit } from '../audit/index.js';
import { generateInitialPassword, hashPassword, USER_CHOSEN_SCHEME } from '../crypto/index.js';
import { hashInitialPasswords } from './initial-hashes.js';
import { invalid, notFound, ProvisioningError } from './errors.js';
import { laterLogin, mailLogins } from './last-login.js';
import { cutSessions, type SessionCut, type SessionCutResult } from './cut-sessions.js';
import { closeMailboxAccounts, reopenMailboxAccounts, type Actor } from '../auth/index.js';
import { assertReachesMailbox, personOf } from './mailbox-guard.js';

export const MIN_CHOSEN_PASSWORD_CHARS = 12;
export const QUOTA_MAX_MB = 1_048_576;

/** Restricts an HR officer to one agency; null = province-wide. */
export interface Scope { agencyId: number | null }

export async function findMailbox(db: Db, address: string, scope: Scope = { agencyId: null }): Promise<Row<MailboxAttrs>> {
  const box = await db.models.Mailbox.findOne({ where: { address: address.trim().toLowerCase() } });
  // Out of scope looks the same as absent, so HR of one agency cannot probe another's addresses.
  if (!box || (scope.agencyId !== null && box.agency_id !== scope.agencyId)) throw notFound('mailbox', address, 'address');
  return box;
}

/** The mailbox in the actor's scope, checked against its person's account, inside one transaction. */
async function act<T>(db: Db, address: string, actor: Actor, fn: (box: Row<MailboxAttrs>) => Promise<T>): Promise<T> {
  return inTransaction(db.sequelize, async () => {
    const box = await findMailbox(db, address, actor);
    await assertReachesMailbox(db, actor, box);
    return fn(box);
  });
}

/** The checks of every action, without acting: for a confirmation page, which must not offer what will be refused. */
export async function assertMayChangeMailbox(db: Db, address: string, actor: Actor): Promise<void> {
  await assertReachesMailbox(db, actor, await findMailbox(db, address, actor));
}

/** Audit details shared by every action: whose mailbox it is. */
const about = async (db: Db, box: MailboxAttrs) => ({ person: await personOf(db, box) });

/**
 * Sets a password. Without one, generates an initial password (returned once, forced change at the next web
 * login); a given one must be ASCII and 12+ characters and is hashed with the scheme for chosen passwords.
 */
/** True when govmail keeps the mailbox's password (shared-mailboxes.ts; a reset elsewhere would break the hotline
 *  that reads it). */
export async function hasStoredPassword(db: Db, mailboxId: number): Promise<boolean> {
  return (await db.models.MailboxSecret.count({ where: { mailbox_id: mailboxId } })) > 0;
}

export async function setMailboxPassword(
  db: Db, address: string, opts: { password?: string; actor: Actor; mustChange?: boolean },
): Promise<{ address: string; password?: string }> {
  const generated = opts.password === undefined ? generateInitialPassword() : undefined;
  if (opts.password !== undefined && opts.password.length < MIN_CHOSEN_PASSWORD_CHARS) {
    throw invalid('password.too_short', `password must have at least ${MIN_CHOSEN_PASSWORD_CHARS} characters`, 'password');
  }
  let hash: string;
  try {
    hash = generated ? (await hashInitialPasswords([generated]))[0]! : await hashPassword(opts.password!, USER_CHOSEN_SCHEME);
  } catch (e) {
    throw invalid('password.invalid', (e as Error).message, 'password');
  }
  return act(db, address, opts.actor, async (box) => {
    // A shared mailbox's password is kept sealed for the hotline worker (shared-mailboxes.ts): a reset here would
    // leave the kept one stale and cut the hotline off.
    if (await hasStoredPassword(db, box.id)) {
      throw new ProvisioningError('mailbox.password_kept', `the password of ${box.address} is kept by govmail for the hotline; it is not reset by hand`, 'address', 409, { address: box.address });
    }
    await box.update({ password_hash: hash, must_change_password: opts.mustChange ?? true, password_changed_at: new Date() });
    await audit(db, { actor: opts.actor.username, action: 'mailbox.set_password', target: box.address, details: { ...(await about(db, box)), generated: !!generated } });
    return { address: box.address, ...(generated ? { password: generated } : {}) };
  });
}

/** What happened to the mailbox's open sessions: 'off' when no kicker is configured. */
export interface LoginOffResult { address: string; sessions: SessionCutResult }

export async function suspendMailbox(
  db: Db, address: string, opts: { actor: Actor; reason?: string; sessions?: SessionCut },
): Promise<LoginOffResult> {
  const addr = await act(db, address, opts.actor, async (box) => {
    if (box.suspended_at) throw new ProvisioningError('mailbox.already_suspended', `${box.address} is already suspended`, 'address', 409);
    await box.update({ allow_login: false, suspended_at: new Date() });
    const accounts = await closeMailboxAccounts(db, [box.id], { disable: false });
    await audit(db, { actor: opts.actor.username, action: 'mailbox.suspend', target: box.address,
      details: { ...(await about(db, box)), reason: opts.reason ?? null, web_sessions_ended_for: accounts } });
    return box.address;
  });
  return { address: addr, sessions: await cutSessions(db, addr, opts.actor.username, opts.sessions) };
}

export async function restoreMailbox(db: Db, address: string, opts: { actor: Actor }): Promise<void> {
  await act(db, address, opts.actor, async (box) => {
    if (!box.suspended_at && box.allow_login && box.active) throw new ProvisioningError('mailbox.not_suspended', `${box.address} is not suspended`, 'address', 409);
    await box.update({ allow_login: true, active: true, suspended_at: null, disabled_at: null });
    if (box.staff_id) await db.models.Staff.update({ status: 'active', left_at: null }, { where: { id: box.staff_id, status: 'left' } });
    const accounts = await reopenMailboxAccounts(db, [box.id]);
    await audit(db, { actor: opts.actor.username, action: 'mailbox.restore', target: box.address, details: { ...(await about(db, box)), accounts_enabled: accounts } });
  });
}

/** A leaver: login disabled, mail kept and still delivered, the address never reused while the row exists. */
export async function markLeaver(
  db: Db, address: string, opts: { actor: Actor; now?: Date; sessions?: SessionCut },
): Promise<LoginOffResult> {
  const now = opts.now ?? new Date();
  const addr = await act(db, address, opts.actor, async (box) => {
    await box.update({ allow_login: false, disabled_at: now });
    if (box.staff_id) await db.models.Staff.update({ status: 'left', left_at: now }, { where: { id: box.staff_id } });
    const accounts = await closeMailboxAccounts(db, [box.id], { disable: true });
    await audit(db, { actor: opts.actor.username, action: 'mailbox.leaver', target: box.address, details: { ...(await about(db, box)), accounts_disabled: accounts } });
    return box.address;
  });
  return { address: addr, sessions: await cutSessions(db, addr, opts.actor.username, opts.sessions) };
}

export async function setMailboxQuota(db: Db, address: string, quotaMb: number, opts: { actor: Actor }): Promise<void> {
  if (!Number.isInteger(quotaMb) || quotaMb < 0 || quotaMb > QUOTA_MAX_MB) {
    throw invalid('quota.invalid', `quota must be a whole number of MB between 0 (unlimited) and ${QUOTA_MAX_MB}`, 'quota_mb');
  }
  await act(db, address, opts.actor, async (box) => {
    const before = box.quota_mb;
    await box.update({ quota_mb: quotaMb });
    await audit(db, { actor: opts.actor.username, action: 'mailbox.quota', target: box.address, details: { ...(await about(db, box)), from: before, to: quotaMb } });
  });
}

export interface MailboxListItem {
  address: string;
  agency: string | null;
  staff: string | null;
  employee_code: string | null;
  active: boolean;
  suspended: boolean;
  left: boolean;
  quota_mb: number;
  /** the later of the web login and the IMAP/POP3 login (last-login.ts) */
  last_login_at: string | null;
}

/** `active` = the person can log in now (exists, not suspended, not a leaver). */
export async function listMailboxes(db: Db, opts: { agencyCode?: string; scope?: Scope } = {}): Promise<MailboxListItem[]> {
  const { Agency, Mailbox, Staff } = db.models;
  const agencies = new Map((await Agency.findAll({ attributes: ['id', 'code'], raw: true })).map((a) => [a.id, a.code]));
  const where: Record<string, unknown> = {};
  if (opts.agencyCode) {
    const id = [...agencies].find(([, code]) => code === opts.agencyCode!.toUpperCase())?.[0];
    if (id === undefined) throw notFound('agency', opts.agencyCode, 'agency');
    where.agency_id = id;
  }
  if (opts.scope?.agencyId != null) where.agency_id = opts.scope.agencyId;
  const boxes = await Mailbox.findAll({ where, order: [['address', 'ASC']], raw: true });
  const staff = new Map((await Staff.findAll({ attributes: ['id', 'full_name', 'employee_code', 'status'], raw: true })).map((s) => [s.id, s]));
  const mail = await mailLogins(db, boxes.map((b) => b.address));
  return boxes.map((b) => {
    const s = b.staff_id ? staff.get(b.staff_id) : undefined;
    const lastLogin = laterLogin(b.last_login_at, mail.get(b.address) ?? null);
    return {
      address: b.address, agency: b.agency_id ? agencies.get(b.agency_id) ?? null : null, staff: s?.full_name ?? b.display_name ?? null,
      employee_code: s?.employee_code ?? null, active: !!b.active && !!b.allow_login, suspended: b.suspended_at !== null,
      left: s?.status === 'left', quota_mb: b.quota_mb, last_login_at: lastLogin?.toISOString() ?? null,
    };
  });
}
