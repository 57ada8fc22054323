// Sessions in the database. The cookie holds a random token; the table holds only its sha256, so a copy of the
// database cannot be replayed as a login. Each session carries its own CSRF token (synchronizer pattern).
//
// Two lifetimes (issue 11): an idle one, slid forward while the session is used, and an absolute one from the
// sign-in, so a stolen or forgotten cookie does not live for ever by being used. Both come from env.ts
// (SESSION_IDLE_MINUTES, SESSION_MAX_HOURS) through the web app's deps.
import { createHash, randomBytes } from 'node:crypto';
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { SessionAttrs, UserAttrs } from '../../db/models/foundation.js';
import type { Row } from '../../db/models/define.js';
import type { MailboxAttrs } from '../../db/models/mail-accounts.js';
import { mailboxMayLogIn } from './mailbox-link.js';

export interface SessionLifetime {
  /** ends after this long without a request */
  idleMinutes: number;
  /** ends this long after the sign-in, however busy */
  maxHours: number;
}

export const DEFAULT_SESSION_LIFETIME: SessionLifetime = { idleMinutes: 120, maxHours: 12 };
const TOUCH_EVERY_MS = 60_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The expiry at `now`: the idle window, capped by the absolute end. */
function expiryAt(createdAt: Date, now: Date, life: SessionLifetime): Date {
  return new Date(Math.min(now.getTime() + life.idleMinutes * 60_000, createdAt.getTime() + life.maxHours * 3_600_000));
}

export async function createSession(
  db: Db, userId: number, meta: { ip?: string; userAgent?: string }, life: SessionLifetime = DEFAULT_SESSION_LIFETIME,
): Promise<{ token: string; csrfToken: string }> {
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
    expires_at: expiryAt(now, now, life),
  });
  return { token, csrfToken };
}

export interface ActiveSession {
  session: SessionAttrs;
  user: UserAttrs;
}

/**
 * The live session for a cookie token, sliding its idle expiry; undefined when missing or expired, or when its
 * account may no longer sign in (disabled, or its linked mailbox suspended or left). Such a session is deleted
 * here, so an account change takes effect at the next request even if the code that made it ended no session.
 */
export async function findSession(db: Db, token: string | undefined, life: SessionLifetime = DEFAULT_SESSION_LIFETIME): Promise<ActiveSession | undefined> {
  if (!token) return undefined;
  const now = new Date();
  // One query for the three rows every request needs: the session, its user and the user's linked mailbox.
  const session = await db.models.Session.findOne({
    where: { id: sha256(token), expires_at: { [Op.gt]: now } },
    include: [{ model: db.models.User, as: 'user', include: [{ model: db.models.Mailbox, as: 'mailbox' }] }],
  });
  if (!session) return undefined;
  const user = session.get('user') as (Row<UserAttrs> & { mailbox?: Row<MailboxAttrs> | null }) | null;
  const mailbox = user?.mailbox ?? null;
  const absoluteEnd = session.created_at.getTime() + life.maxHours * 3_600_000;
  if (!user || !user.active || (mailbox && !mailboxMayLogIn(mailbox)) || absoluteEnd <= now.getTime()) {
    await session.destroy();
    return undefined;
  }
  if (now.getTime() - session.last_seen_at.getTime() > TOUCH_EVERY_MS) {
    await session.update({ last_seen_at: now, expires_at: expiryAt(session.created_at, now, life) });
  }
  const { user: _user, ...plainSession } = session.get({ plain: true }) as SessionAttrs & { user?: unknown };
  const { mailbox: _mailbox, ...plainUser } = user.get({ plain: true }) as UserAttrs & { mailbox?: unknown };
  return { session: plainSession, user: plainUser };
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
