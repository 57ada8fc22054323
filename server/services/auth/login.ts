// Password login with a per-account lockout. The IP rate limit lives in the web layer; this lockout also holds
// across processes because the counter is in the database. Every failure is audit-logged (without the password).
import type { Db } from '../../db/index.js';
import { audit } from '../audit/index.js';
import { verifyPassword } from '../crypto/index.js';
import { findSignInUser, linkedMailbox, mailboxMayLogIn, recordMailboxLogin, webPasswordHash } from './mailbox-link.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;

export type LoginResult =
  | { ok: true; userId: number; mustChangePassword: boolean }
  | { ok: false; reason: 'invalid' | 'locked' | 'inactive' };

// Compared against when the username is unknown, so both paths cost one hash check (no user enumeration by timing).
const DUMMY_HASH = '{BLF-CRYPT}$2b$10$SWmUxDoTcNRArWUWXg/BAuuJ3Hula1lsJ.niaGZoKcgbJ0Yyy0mUS';

export async function login(db: Db, usernameRaw: string, password: string, meta: { ip?: string } = {}): Promise<LoginResult> {
  const username = usernameRaw.trim().toLowerCase();
  const user = await findSignInUser(db, username);
  const now = new Date();
  if (!user) {
    await verifyPassword(password, DUMMY_HASH).catch(() => false);
    await audit(db, { actor: username || '(empty)', action: 'auth.login_failed', details: { reason: 'unknown_user', ip: meta.ip } });
    return { ok: false, reason: 'invalid' };
  }
  if (user.locked_until && user.locked_until > now) {
    await audit(db, { actor: user.username, action: 'auth.login_failed', details: { reason: 'locked', ip: meta.ip } });
    return { ok: false, reason: 'locked' };
  }
  // A staff account linked to a mailbox (mailbox-link.ts) logs in with the mailbox's password, as over IMAP.
  const mailbox = await linkedMailbox(db, user);
  const valid = await verifyPassword(password, webPasswordHash(user, mailbox)).catch(() => false);
  if (!valid) {
    const failed = user.failed_logins + 1;
    await user.update({ failed_logins: failed, locked_until: failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCKOUT_MS) : null });
    await audit(db, { actor: user.username, action: 'auth.login_failed', details: { reason: 'bad_password', failed, ip: meta.ip } });
    return { ok: false, reason: failed >= MAX_FAILED_LOGINS ? 'locked' : 'invalid' };
  }
  if (!user.active || (mailbox && !mailboxMayLogIn(mailbox))) {
    await audit(db, { actor: user.username, action: 'auth.login_failed', details: { reason: user.active ? 'mailbox_disabled' : 'inactive', ip: meta.ip } });
    return { ok: false, reason: 'inactive' };
  }
  // An initial or reset mailbox password must be changed at the first web login (requireLogin reads the user row).
  const mustChangePassword = user.must_change_password || !!mailbox?.must_change_password;
  await user.update({ failed_logins: 0, locked_until: null, last_login_at: now, must_change_password: mustChangePassword });
  if (mailbox) await recordMailboxLogin(mailbox, now);
  await audit(db, { actor: user.username, action: 'auth.login', details: { ip: meta.ip, ...(mailbox ? { mailbox: true } : {}) } });
  return { ok: true, userId: user.id, mustChangePassword };
}
