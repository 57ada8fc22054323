/**
 * When a mailbox last logged in: the later of its web login (mailboxes.last_login_at, set by
 * auth/mailbox-link.ts) and its mail login (mail_logins, written by Dovecot's last_login plugin through
 * dict-sql; see server/services/mailserver/last-login-conf.ts). Most civil servants only use IMAP, so the
 * web time alone would call them "never logged in".
 */
import type { Db } from '../../db/index.js';

/** Keeps each IN list well under SQLite's bound-parameter limit. */
const IN_CHUNK = 500;

/** Dovecot writes seconds since the epoch; MariaDB may return the BIGINT as a string. */
export function mailLoginDate(unix: number | string | null | undefined): Date | null {
  const n = Number(unix);
  return unix === null || unix === undefined || !Number.isFinite(n) || n <= 0 ? null : new Date(n * 1000);
}

export function laterLogin(web: Date | string | null, mail: Date | null): Date | null {
  const w = web === null ? null : new Date(web);
  if (!w) return mail;
  if (!mail) return w;
  return w.getTime() >= mail.getTime() ? w : mail;
}

/** Mail login times by address, for the given addresses. */
export async function mailLogins(db: Db, addresses: readonly string[]): Promise<Map<string, Date>> {
  const out = new Map<string, Date>();
  for (let i = 0; i < addresses.length; i += IN_CHUNK) {
    const rows = await db.models.MailLogin.findAll({ where: { address: addresses.slice(i, i + IN_CHUNK) }, raw: true });
    for (const r of rows) {
      const at = mailLoginDate(r.last_login_unix);
      if (at) out.set(r.address, at);
    }
  }
  return out;
}

/**
 * A mailbox renamed (transfer, domain migration) keeps its mail login: Dovecot recorded it under the old
 * address, which from now on is only an alias. Keeps the later time if the new address already has a row.
 */
export async function carryMailLogin(db: Db, from: string, to: string): Promise<void> {
  const { MailLogin } = db.models;
  const old = await MailLogin.findByPk(from, { raw: true });
  if (!old) return;
  const cur = await MailLogin.findByPk(to, { raw: true });
  if (!cur) await MailLogin.create({ address: to, last_login_unix: old.last_login_unix });
  else if (Number(cur.last_login_unix) < Number(old.last_login_unix)) await MailLogin.update({ last_login_unix: old.last_login_unix }, { where: { address: to } });
  await MailLogin.destroy({ where: { address: from } });
}

/** SQL for coverage: a mailbox `m` joined to `l` (mail_logins) has logged in by either door. */
export const LOGGED_IN_SQL = '(m.last_login_at IS NOT NULL OR l.address IS NOT NULL)';
export const MAIL_LOGINS_JOIN = 'LEFT JOIN mail_logins l ON l.address = m.address';
