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
import { mailboxMayLogIn } from './mailbox-link.js';
import { modelRow, readRows, selectColumns } from '../../db/index.js';

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

/** The session, its user and the user's linked mailbox's state: the three rows every signed-in request reads, in
 *  one hand-written query (see db/model-rows.ts), built once per database. */
const sessionSql = new WeakMap<Db, string>();
function findSessionSql(db: Db): string {
  let sql = sessionSql.get(db);
  if (!sql) {
    const { Session, User, Mailbox } = db.models;
    const table = (m: { getTableName(): unknown }) => db.sequelize.getQueryInterface().quoteIdentifier(String(m.getTableName()));
    sql = `SELECT ${selectColumns(Session, 's', 's_')}, ${selectColumns(User, 'u', 'u_')}, m.id AS m_id, m.active AS m_active, m.allow_login AS m_allow_login
      FROM ${table(Session)} s LEFT JOIN ${table(User)} u ON u.id = s.user_id LEFT JOIN ${table(Mailbox)} m ON m.id = u.mailbox_id
      WHERE s.id = ? AND s.expires_at > ?`;
    sessionSql.set(db, sql);
  }
  return sql;
}

/**
 * The live session for a cookie token, sliding its idle expiry; undefined when missing or expired, or when its
 * account may no longer sign in (disabled, or its linked mailbox suspended or left). Such a session is deleted
 * here, so an account change takes effect at the next request even if the code that made it ended no session.
 */
export async function findSession(db: Db, token: string | undefined, life: SessionLifetime = DEFAULT_SESSION_LIFETIME): Promise<ActiveSession | undefined> {
  if (!token) return undefined;
  const now = new Date();
  const [row] = await readRows(db, findSessionSql(db), [sha256(token), now]);
  if (!row) return undefined;
  let session = modelRow<SessionAttrs>(db.models.Session, row, 's_');
  const user = row.u_id === null || row.u_id === undefined ? null : modelRow<UserAttrs>(db.models.User, row, 'u_');
  const mailbox = row.m_id === null || row.m_id === undefined ? null : { active: Boolean(Number(row.m_active)), allow_login: Boolean(Number(row.m_allow_login)) };
  const absoluteEnd = session.created_at.getTime() + life.maxHours * 3_600_000;
  if (!user || !user.active || (mailbox && !mailboxMayLogIn(mailbox)) || absoluteEnd <= now.getTime()) {
    await db.models.Session.destroy({ where: { id: session.id } });
    return undefined;
  }
  if (now.getTime() - session.last_seen_at.getTime() > TOUCH_EVERY_MS) {
    const touched = { last_seen_at: now, expires_at: expiryAt(session.created_at, now, life) };
    await db.models.Session.update(touched, { where: { id: session.id } });
    session = { ...session, ...touched };
  }
  return { session, user };
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
