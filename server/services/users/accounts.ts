/**
 * Web accounts an admin manages: create (optionally for a person's mailbox), set role and scope, disable,
 * enable, unlock. Each takes the actor, asks account-rules.ts, and writes an audit row naming who acted, on
 * which account, and what changed from what to what. Errors are ProvisioningError with ids `user.*`
 * (hr.err.user.* in server/i18n/areas/users.ts).
 *
 * A role is granted to a person: an account made for a mailbox is linked to it (users.mailbox_id), so the
 * mailbox's life governs it (auth/mailbox-accounts.ts: a leaver disables it, a transfer takes the role back).
 * Its scope is therefore the mailbox's agency or the whole province, never a third agency.
 */
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import type { Role, UserAttrs } from '../../db/models/foundation.js';
import type { Row } from '../../db/models/define.js';
import type { MailboxAttrs } from '../../db/models/mail-accounts.js';
import { type Actor, holdsAgency, createUser, UserInputError, endUserSessions } from '../auth/index.js';
import { audit } from '../audit/index.js';
import { generateInitialPassword, PasswordPolicyError } from '../crypto/index.js';
import { invalid, notFound, ProvisioningError } from '../provisioning/index.js';
import { agencyByCode, assertMayGrant, assertNotSelf, parseRole, reachableAccount } from './account-rules.js';

export interface NewAccount {
  username: string;
  role: string;
  /** agency code; empty or absent = province-wide */
  agency?: string | null;
  /** the person's official mailbox address */
  mailbox?: string | null;
  /** chosen password; when absent one is generated, returned once and must be changed at first sign-in */
  password?: string;
  displayName?: string;
}

export interface AccountCreated {
  username: string;
  role: Role;
  agency: string | null;
  mailbox: string | null;
  /** the generated one-time password (absent when chosen, or when a staff account signs in with its mailbox's) */
  password?: string;
}

/** The users.ts input errors as service errors with i18n ids. Every password problem keeps the one id the CLI's
 *  `--json` has always given, `user.password_invalid`, whatever rule it broke (auth/users.ts names the rule for its
 *  own password page). */
function asServiceError(e: unknown): unknown {
  if (e instanceof UserInputError && e.field === 'password') return invalid('user.password_invalid', e.message, 'password', e.params);
  if (e instanceof UserInputError) return new ProvisioningError(e.id, e.message, e.field, e.id === 'user.exists' ? 409 : 400, { value: e.field, ...e.params });
  if (e instanceof PasswordPolicyError) return invalid('user.password_invalid', e.message, 'password');
  return e;
}

/** The person's mailbox for a new or changed role: in the actor's scope, personal, and in the role's agency. */
async function personalMailbox(db: Db, actor: Actor, address: string, agency: { id: number; code: string } | null): Promise<Row<MailboxAttrs>> {
  const box = await db.models.Mailbox.findOne({ where: { address: address.trim().toLowerCase() } });
  if (!box || !holdsAgency(actor, box.agency_id)) throw notFound('mailbox', address, 'mailbox');
  if (box.kind !== 'staff') throw invalid('user.mailbox_not_personal', `${box.address} is a ${box.kind} mailbox, not a person's`, 'mailbox', { address: box.address });
  assertMailboxInAgency(box, agency);
  return box;
}

/** A role is held in the person's own agency (their mailbox's) or province-wide. */
function assertMailboxInAgency(box: Pick<MailboxAttrs, 'address' | 'agency_id'>, agency: { id: number; code: string } | null): void {
  if (!agency || box.agency_id === agency.id) return;
  throw invalid('user.mailbox_other_agency', `${box.address} belongs to another agency than ${agency.code}; a role is held in the person's own agency or province-wide`, 'agency', { address: box.address, agency: agency.code });
}

export async function createAccount(db: Db, input: NewAccount, actor: Actor): Promise<AccountCreated> {
  const role = parseRole(input.role);
  const agency = await agencyByCode(db, input.agency);
  assertMayGrant(actor, role, agency);
  return inTransaction(db.sequelize, async () => {
    const box = input.mailbox ? await personalMailbox(db, actor, input.mailbox, agency) : null;
    if (box) {
      const holder = await db.models.User.findOne({ where: { mailbox_id: box.id }, attributes: ['username'], raw: true });
      if (holder) {
        throw new ProvisioningError('user.mailbox_taken', `${box.address} already belongs to account ${holder.username}; change its role instead (user:set-role ${holder.username})`,
          'mailbox', 409, { address: box.address, username: holder.username });
      }
    }
    // A staff account reaches only its own mailbox and signs in with the mailbox's password (auth/mailbox-link.ts).
    const withMailboxPassword = role === 'staff' && box !== null;
    if (withMailboxPassword && input.password) {
      throw invalid('user.password_is_mailbox', 'a staff account signs in with its mailbox\'s password; set that one (mailbox:set-password)', 'password');
    }
    const password = withMailboxPassword ? undefined : (input.password ?? generateInitialPassword());
    const staff = box?.staff_id ? await db.models.Staff.findByPk(box.staff_id, { attributes: ['full_name'], raw: true }) : null;
    const user = await createUser(db, {
      username: input.username, displayName: input.displayName?.trim() || staff?.full_name || box?.display_name || input.username.trim(),
      role, agencyId: agency?.id ?? null, mailboxId: box?.id ?? null,
      ...(withMailboxPassword ? { passwordHash: box!.password_hash, mustChangePassword: box!.must_change_password } : { password, mustChangePassword: !input.password }),
    }, actor.username, { agency: agency?.code ?? null, mailbox: box?.address ?? null }).catch((e: unknown) => Promise.reject(asServiceError(e)));
    return {
      username: user.username, role, agency: agency?.code ?? null, mailbox: box?.address ?? null,
      ...(password && !input.password ? { password } : {}),
    };
  });
}

const codeOf = async (db: Db, agencyId: number | null): Promise<string | null> =>
  agencyId === null ? null : ((await db.models.Agency.findByPk(agencyId, { attributes: ['code'], raw: true }))?.code ?? null);

export interface RoleChange {
  username: string;
  role: { from: Role; to: Role };
  agency: { from: string | null; to: string | null };
  changed: boolean;
}

/** A new role and scope for an account (agency absent = province-wide). */
export async function setAccountRole(db: Db, username: string, input: { role: string; agency?: string | null }, actor: Actor): Promise<RoleChange> {
  const role = parseRole(input.role);
  const agency = await agencyByCode(db, input.agency);
  return inTransaction(db.sequelize, async () => {
    const user = await reachableAccount(db, actor, username);
    assertNotSelf(actor, user);
    assertMayGrant(actor, role, agency);
    if (user.mailbox_id !== null && agency) {
      const box = await db.models.Mailbox.findByPk(user.mailbox_id, { attributes: ['address', 'agency_id'], raw: true });
      if (box) assertMailboxInAgency(box, agency);
    }
    const change: RoleChange = {
      username: user.username, role: { from: user.role, to: role }, agency: { from: await codeOf(db, user.agency_id), to: agency?.code ?? null }, changed: false,
    };
    if (user.role === role && user.agency_id === (agency?.id ?? null)) return change;
    await user.update({ role, agency_id: agency?.id ?? null });
    await audit(db, { actor: actor.username, action: 'user.role_change', target: `user:${user.username}`, details: { role: change.role, agency: change.agency } });
    return { ...change, changed: true };
  });
}

/** The checks of a role change or a disable, without acting: a confirmation step offers only what will pass. */
export async function assertMayChangeAccount(db: Db, username: string, actor: Actor): Promise<void> {
  assertNotSelf(actor, await reachableAccount(db, actor, username));
}

async function flip(db: Db, username: string, actor: Actor, fn: (user: Row<UserAttrs>) => Promise<Record<string, unknown> | null>, action: string): Promise<{ username: string; changed: boolean }> {
  return inTransaction(db.sequelize, async () => {
    const user = await reachableAccount(db, actor, username);
    const details = await fn(user);
    if (details) await audit(db, { actor: actor.username, action, target: `user:${user.username}`, details });
    return { username: user.username, changed: details !== null };
  });
}

/** No more sign-ins, and every open web session ends now. */
export function disableAccount(db: Db, username: string, actor: Actor) {
  return flip(db, username, actor, async (user) => {
    assertNotSelf(actor, user);
    const sessions = await endUserSessions(db, user.id);
    if (!user.active) return null;
    await user.update({ active: false });
    return { active: { from: true, to: false }, sessions_ended: sessions };
  }, 'user.disable');
}

export function enableAccount(db: Db, username: string, actor: Actor) {
  return flip(db, username, actor, async (user) => {
    if (user.active) return null;
    await user.update({ active: true, failed_logins: 0, locked_until: null });
    return { active: { from: false, to: true } };
  }, 'user.enable');
}

/** Lifts a lockout after failed sign-ins (auth/login.ts) before its 15 minutes are up. */
export function unlockAccount(db: Db, username: string, actor: Actor, now = new Date()) {
  return flip(db, username, actor, async (user) => {
    const locked = user.locked_until !== null && user.locked_until > now;
    if (!locked && user.failed_logins === 0) return null;
    const details = { locked_until: { from: user.locked_until?.toISOString() ?? null, to: null }, failed_logins: { from: user.failed_logins, to: 0 } };
    await user.update({ failed_logins: 0, locked_until: null });
    return details;
  }, 'user.unlock');
}
