// Password login with a per-account lockout. The IP rate limit lives in the web layer; this lockout also holds
// across processes because the counter is in the database. Every failure is audit-logged (without the password).
import type { Db } from '../../db/index.js';
import { audit } from '../audit/audit-log.js';
import { verifyPassword } from '../provisioning/password-hash.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;

export type LoginResult =
  | { ok: true; userId: number; mustChangePassword: boolean }
  | { ok: false; reason: 'invalid' | 'locked' | 'inactive' };

// Compared against when the username is unknown, so both paths cost one hash check (no user enumeration by timing).
const DUMMY_HASH = '{BLF-CRYPT}$2b$10$SWmUxDoTcNRArWUWXg/BAuuJ3Hula1lsJ.niaGZoKcgbJ0Yyy0mUS';

export async function login(db: Db, usernameRaw: string, password: string, meta: { ip?: string } = {}): Promise<LoginResult> {
  const username = usernameRaw.trim().toLowerCase();
  const user = await db.models.User.findOne({ where: { username } });
  const now = new Date();
  if (!user) {
    await verifyPassword(password, DUMMY_HASH).catch(() => false);
    await audit(db, { actor: username || '(empty)', action: 'auth.login_failed', details: { reason: 'unknown_user', ip: meta.ip } });
    return { ok: false, reason: 'invalid' };
  }
  if (user.locked_until && user.locked_until > now) {
    await audit(db, { actor: username, action: 'auth.login_failed', details: { reason: 'locked', ip: meta.ip } });
    return { ok: false, reason: 'locked' };
  }
  const valid = await verifyPassword(password, user.password_hash).catch(() => false);
  if (!valid) {
    const failed = user.failed_logins + 1;
    await user.update({ failed_logins: failed, locked_until: failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCKOUT_MS) : null });
    await audit(db, { actor: username, action: 'auth.login_failed', details: { reason: 'bad_password', failed, ip: meta.ip } });
    return { ok: false, reason: failed >= MAX_FAILED_LOGINS ? 'locked' : 'invalid' };
  }
  if (!user.active) {
    await audit(db, { actor: username, action: 'auth.login_failed', details: { reason: 'inactive', ip: meta.ip } });
    return { ok: false, reason: 'inactive' };
  }
  await user.update({ failed_logins: 0, locked_until: null, last_login_at: now });
  await audit(db, { actor: username, action: 'auth.login', details: { ip: meta.ip } });
  return { ok: true, userId: user.id, mustChangePassword: user.must_change_password };
}
