/**
 * A web account linked to its person's official mailbox (`users.mailbox_id`, migration 0009): the sign-in
 * side of the link. The mailbox's state governs the account (a suspended, leaver or inactive mailbox cannot
 * sign in), its must-change flag (initial or reset password) forces the web change, the change writes the new
 * hash to both rows, and a web sign-in counts as the mailbox's last login. The account's life alongside the
 * mailbox (created with it, disabled, moved) is in mailbox-accounts.ts.
 *
 * Which password opens the account (webPasswordHash): a `staff` account, which reaches only its own mailbox
 * page, signs in with the mailbox's password, the one Dovecot checks, so the credential sheet works on the web.
 * An account holding any other role keeps its own web password: a mailbox password set by someone else (an HR
 * reset) must never open that role (issue 11, flaw 2). The person's own changes write both, so in practice
 * they are one password; they differ only after a reset, until the person changes it on the web.
 */
import type { Db } from '../../db/index.js';
import type { UserAttrs } from '../../db/models/foundation.js';
import type { MailboxAttrs } from '../../db/models/mail-accounts.js';
import type { Row } from '../../db/models/define.js';

export async function linkedMailbox(db: Db, user: Pick<UserAttrs, 'mailbox_id'>): Promise<Row<MailboxAttrs> | null> {
  return user.mailbox_id === null ? null : db.models.Mailbox.findByPk(user.mailbox_id);
}

/**
 * The account of a sign-in name: the username, or else the current address of a linked mailbox (a transfer or
 * a domain migration gives the person a new address; the username stays what it was).
 */
export async function findSignInUser(db: Db, name: string): Promise<Row<UserAttrs> | null> {
  const byName = await db.models.User.findOne({ where: { username: name } });
  if (byName || !name.includes('@')) return byName;
  const box = await db.models.Mailbox.findOne({ where: { address: name }, attributes: ['id'] });
  return box ? db.models.User.findOne({ where: { mailbox_id: box.id } }) : null;
}

/** The hash a web password is checked against (see the header: staff → the mailbox's, any role → its own). */
export function webPasswordHash(user: Pick<UserAttrs, 'role' | 'password_hash'>, box: Pick<MailboxAttrs, 'password_hash'> | null): string {
  return box && user.role === 'staff' ? box.password_hash : user.password_hash;
}

export const mailboxMayLogIn = (box: Pick<MailboxAttrs, 'active' | 'allow_login'>): boolean => !!box.active && !!box.allow_login;

/** After a successful web login. The web half of "last login": IMAP/POP3 logins are in mail_logins, written
 *  by Dovecot (provisioning/last-login.ts takes the later of the two). */
export async function recordMailboxLogin(box: Row<MailboxAttrs>, now: Date): Promise<void> {
  await box.update({ last_login_at: now });
}

/**
 * A password the person chose on the web also becomes their mailbox's (IMAP/SMTP) password, and clears its
 * must-change flag. Through the link only: an account whose username merely looks like an address changes no
 * mailbox.
 */
export async function syncMailboxPassword(db: Db, user: Pick<UserAttrs, 'mailbox_id'>, passwordHash: string, now = new Date()): Promise<void> {
  if (user.mailbox_id === null) return;
  await db.models.Mailbox.update({ password_hash: passwordHash, must_change_password: false, password_changed_at: now }, { where: { id: user.mailbox_id } });
}
