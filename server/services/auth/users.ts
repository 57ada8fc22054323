// Web users: who may log in to the workspace, with which role, scoped to which agency (null = province-wide).
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import type { Role } from '../../db/models/foundation.js';
import { ROLES } from '../../db/models/foundation.js';
import { audit } from '../audit/index.js';
import { hashPassword, assertAsciiPassword, USER_CHOSEN_SCHEME } from '../crypto/index.js';

export const MIN_PASSWORD_LENGTH = 12;

export class UserInputError extends Error {
  /** `id`: stable error id (the users service turns it into an i18n key, hr.err.<id>) */
  constructor(
    readonly field: string,
    message: string,
    readonly id = `user.${field}_invalid`,
    /** values for the translated message */
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'UserInputError';
  }
}

export interface NewUser {
  username: string;
  displayName: string;
  /** the chosen password; or `passwordHash`, already hashed (a staff account takes its mailbox's hash) */
  password?: string;
  passwordHash?: string;
  /** the person's official mailbox (users.mailbox_id); its state then governs the account (mailbox-link.ts) */
  mailboxId?: number | null;
  role: Role;
  agencyId: number | null;
  mustChangePassword?: boolean;
  locale?: 'vi' | 'en';
}

export function checkNewPassword(password: string): void {
  assertAsciiPassword(password);
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new UserInputError('password', `must be at least ${MIN_PASSWORD_LENGTH} characters`, 'password.too_short', { min: MIN_PASSWORD_LENGTH });
  }
}

export const normaliseUsername = (raw: string): string => raw.trim().toLowerCase();

/** The one creation path of a web account (no privilege check: callers are the users service, the seed, tests). */
export async function createUser(db: Db, input: NewUser, actor: string, auditDetails: Record<string, unknown> = {}) {
  if (!ROLES.includes(input.role)) throw new UserInputError('role', `must be one of ${ROLES.join(', ')}`);
  const username = normaliseUsername(input.username);
  if (!/^[a-z0-9._@-]{3,190}$/.test(username)) throw new UserInputError('username', 'use 3–190 characters: a-z 0-9 . _ @ -');
  let password_hash = input.passwordHash;
  if (password_hash === undefined) {
    checkNewPassword(input.password ?? '');
    password_hash = await hashPassword(input.password!, USER_CHOSEN_SCHEME);
  }
  return inTransaction(db.sequelize, async () => {
    if (await db.models.User.findOne({ where: { username } })) throw new UserInputError('username', `user ${username} already exists`, 'user.exists');
    const user = await db.models.User.create({
      username,
      display_name: input.displayName,
      password_hash,
      role: input.role,
      agency_id: input.agencyId,
      mailbox_id: input.mailboxId ?? null,
      locale: input.locale ?? 'vi',
      active: true,
      must_change_password: input.mustChangePassword ?? false,
      failed_logins: 0,
    });
    await audit(db, { actor, action: 'user.create', target: `user:${username}`, details: { role: input.role, agencyId: input.agencyId, ...auditDetails } });
    return user;
  });
}
