// Sessions in the database. The cookie holds a random token; the table holds only its sha256, so a copy of the
// database cannot be replayed as a login. Each session carries its own CSRF token (synchronizer pattern).
import { createHash, randomBytes } from 'node:crypto';
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { SessionAttrs, UserAttrs } from '../../db/models/foundation.js';

export const SESSION_TTL_MS = 8 * 60 * 60_000; // one working day
const TOUCH_EVERY_MS = 60_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function createSession(db: Db, userId: number, meta: { ip?: string; userAgent?: string }): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = new Date();
  await db.models.Session.create({
    id: sha256(token),
    user_id: userId,
    csrf_token: csrfToken,
    ip: meta.ip?.slice(0, 64) ?? null,
    user_agent: meta.userAgent?.slice(0, 255) ?? null,
    created_at: now,
    last_seen_at: now,
    expires_at: new Date(now.getTime() + SESSION_TTL_MS),
  });
  return { token, csrfToken };
}

export interface ActiveSession {
  session: SessionAttrs;
  user: UserAttrs;
}

/** The live session for a cookie token, sliding its expiry; undefined when missing, expired or the user is inactive. */
export async function findSession(db: Db, token: string | undefined): Promise<ActiveSession | undefined> {
  if (!token) return undefined;
  const now = new Date();
  const session = await db.models.Session.findOne({ where: { id: sha256(token), expires_at: { [Op.gt]: now } } });
  if (!session) return undefined;
  const user = await db.models.User.findByPk(session.user_id);
  if (!user || !user.active) return undefined;
  if (now.getTime() - session.last_seen_at.getTime() > TOUCH_EVERY_MS) {
    await session.update({ last_seen_at: now, expires_at: new Date(now.getTime() + SESSION_TTL_MS) });
  }
  return { session: session.get({ plain: true }), user: user.get({ plain: true }) };
}

export async function destroySession(db: Db, token: string): Promise<void> {
  await db.models.Session.destroy({ where: { id: sha256(token) } });
}

export async function purgeExpiredSessions(db: Db, now = new Date()): Promise<number> {
  return db.models.Session.destroy({ where: { expires_at: { [Op.lte]: now } } });
}

/**
 * Ends every web session of a user, except the one named (the session that just changed its own password).
 * Suspend, leaver, disable and a password change call it, so an account's state takes effect at once, not at
 * the next expiry.
 */
export async function endUserSessions(db: Db, userId: number, keepToken?: string): Promise<number> {
  const keep = keepToken ? { id: { [Op.ne]: sha256(keepToken) } } : {};
  return db.models.Session.destroy({ where: { user_id: userId, ...keep } });
}
