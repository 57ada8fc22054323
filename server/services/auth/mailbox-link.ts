/**
 * "A mailbox can log in to the web with the same password" (DESIGN §3), decided narrowly: a web user whose
 * username is exactly the address of a staff/shared mailbox is *linked* to it. For a linked user the
 * mailbox's hash (the one Dovecot checks) is the password, so there is one password per person; the login is
 * refused while the mailbox cannot log in (suspended, leaver, inactive), so suspending a mailbox also closes
 * the web door; a must-change flag on the mailbox (initial or reset password) forces the web change, and the
 * change writes the new hash to both rows. A mailbox without a users row gets no web access: roles and
 * agency scope still come only from users.
 */
import type { Db } from '../../db/index.js';
import type { MailboxAttrs } from '../../db/models/mail-accounts.js';
import type { Row } from '../../db/models/define.js';

export async function linkedMailbox(db: Db, username: string): Promise<Row<MailboxAttrs> | null> {
  if (!username.includes('@')) return null;
  return db.models.Mailbox.findOne({ where: { address: username } });
}

export const mailboxMayLogIn = (box: MailboxAttrs): boolean => !!box.active && !!box.allow_login;

/** After a successful web login. The web half of "last login": IMAP/POP3 logins are in mail_logins, written
 *  by Dovecot (provisioning/last-login.ts takes the later of the two). */
export async function recordMailboxLogin(box: Row<MailboxAttrs>, now: Date): Promise<void> {
  await box.update({ last_login_at: now });
}

/** A password chosen on the web also becomes the mailbox's (IMAP/SMTP) password, and clears its must-change flag. */
export async function syncMailboxPassword(db: Db, username: string, passwordHash: string, now = new Date()): Promise<void> {
  if (!username.includes('@')) return;
  await db.models.Mailbox.update({ password_hash: passwordHash, must_change_password: false, password_changed_at: now }, { where: { address: username } });
}
