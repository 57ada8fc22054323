/**
 * A person changes their own password on the web. Issue 11: the change asks for the current password (a
 * borrowed, unlocked screen cannot take the account over), and ends every other session of the account (a
 * password changed because it leaked also throws out whoever used it); the session that made the change stays.
 * The new hash is written to the account and, through the link, to the mailbox Dovecot reads (mailbox-link.ts).
 */
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import { audit } from '../audit/index.js';
import { hashPassword, verifyPassword, USER_CHOSEN_SCHEME } from '../crypto/index.js';
import { linkedMailbox, syncMailboxPassword, webPasswordHash } from './mailbox-link.js';
import { endUserSessions } from './sessions.js';
import { checkNewPassword, UserInputError } from './users.js';

/** A refusal the page shows next to its field, in the reader's language (`messageId` is an i18n key). */
export class PasswordChangeError extends UserInputError {
  constructor(field: 'current' | 'password', readonly messageId: string, message: string) {
    super(field, message);
    this.name = 'PasswordChangeError';
  }
}

export interface OwnPasswordChange {
  userId: number;
  currentPassword: string;
  newPassword: string;
  /** the cookie token of the session making the change: it stays signed in */
  keepSessionToken?: string;
}

/** Throws PasswordChangeError (wrong current password, unchanged) or UserInputError/PasswordPolicyError (policy). Returns how many other sessions ended. */
export async function changeOwnPassword(db: Db, change: OwnPasswordChange): Promise<{ endedSessions: number }> {
  const user = await db.models.User.findByPk(change.userId);
  if (!user) throw new UserInputError('user', 'no such user');
  // Checked against the hash that signs this account in (a staff account's is its mailbox's).
  const currentOk = await verifyPassword(change.currentPassword, webPasswordHash(user, await linkedMailbox(db, user))).catch(() => false);
  if (!currentOk) {
    await audit(db, { actor: user.username, action: 'user.password_change_refused', target: `user:${user.username}`, details: { reason: 'wrong_current' } });
    throw new PasswordChangeError('current', 'password.current_wrong', 'the current password is wrong');
  }
  if (change.newPassword === change.currentPassword) throw new PasswordChangeError('password', 'password.same_as_current', 'must differ from the current password');
  checkNewPassword(change.newPassword);
  const password_hash = await hashPassword(change.newPassword, USER_CHOSEN_SCHEME);
  return inTransaction(db.sequelize, async () => {
    await user.update({ password_hash, must_change_password: false });
    await syncMailboxPassword(db, user, password_hash);
    const endedSessions = await endUserSessions(db, user.id, change.keepSessionToken);
    await audit(db, { actor: user.username, action: 'user.password_change', target: `user:${user.username}`, details: { endedSessions } });
    return { endedSessions };
  });
}
