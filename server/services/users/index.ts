// The users service: web accounts and the roles granted to people, managed by admins within their scope.
// Edges (web, CLI) import from here only.
export { createAccount, assertMayChangeAccount, setAccountRole, disableAccount, enableAccount, unlockAccount } from './accounts.js';
export type { NewAccount, AccountCreated, RoleChange } from './accounts.js';
export { listAccounts, findAccount, accountTrail, TRAIL_LIMIT } from './list.js';
export type { AccountItem, AccountFilter, TrailEntry } from './list.js';
export { parseRole, grantableRoles } from './account-rules.js';
