// Web users, password login, database sessions, and who may act where (actors and privileges).
// Managing accounts is services/users, which calls createUser here.
export { actorOf, systemActor } from './actor.js';
export type { Actor } from './actor.js';
export { login } from './login.js';
export {
  closeMailboxAccounts, createMailboxAccounts, moveMailboxAccount, reopenMailboxAccounts,
} from './mailbox-accounts.js';
export { changeOwnPassword, PasswordChangeError } from './password-change.js';
export { holdsAgency, mayGrant, reaches } from './privilege.js';
export type { Principal } from './privilege.js';
export { createSession, destroySession, endUserSessions, findSession, purgeExpiredSessions } from './sessions.js';
export type { SessionLifetime } from './sessions.js';
export { createUser, normaliseUsername, UserInputError } from './users.js';
// The web tells a policy refusal of a new password from other failures, and shows it by its id.
export { PasswordPolicyError } from '../crypto/index.js';
