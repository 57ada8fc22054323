// The users service: web accounts and the roles granted to people, managed by admins within their scope.
// Edges (web, CLI) import from here only.
export { grantableRoles } from './account-rules.js';
export {
  assertMayChangeAccount, createAccount, disableAccount, enableAccount, setAccountRole, unlockAccount,
} from './accounts.js';
export { accountTrail, findAccount, listAccounts, listAccountsPage } from './list.js';
export type { AccountFilter, AccountItem, AccountPage, TrailEntry } from './list.js';
// The roles an account may hold (the column's values), for the edges' role lists.
export { ROLES } from '../../db/models/foundation.js';
