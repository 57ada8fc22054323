// Staff mailboxes: agencies, org and roster imports, mailbox lifecycle, aliases, shared mailboxes and credentials.
export { deactivateAgency, findAgencyItem, listAgencies, setAgencyEnd, updateAgency } from './agency-admin.js';
export type { AgencyEdit } from './agency-admin.js';
export { agencyOpenAt, assertAgencyOpen, endedOn } from './agency-open.js';
export { addAlias, removeAlias } from './aliases.js';
export { coverage, coverageInScope } from './coverage.js';
export type { Coverage, CoverageRow } from './coverage.js';
export { writeCredentialFiles } from './credentials-files.js';
export { credentialsPdf } from './credentials-pdf.js';
export { CREDENTIALS_TTL_MS, takeCredentials } from './credentials-store.js';
export { credentialsXlsx } from './credentials-xlsx.js';
export type { SessionCut } from './cut-sessions.js';
export { migrateDomain } from './domain-migration.js';
export { forbidden, invalid, notFound, ProvisioningError } from './errors.js';
export { homeFigures } from './home-figures.js';
export { laterLogin, mailLogins } from './last-login.js';
export { mailboxDetail } from './mailbox-detail.js';
export type { MailboxDetail } from './mailbox-detail.js';
export { assertMovesBetween } from './mailbox-guard.js';
export {
  assertMayChangeMailbox, findMailbox, hasStoredPassword, listMailboxes, markLeaver, restoreMailbox, setMailboxPassword, setMailboxQuota,
  suspendMailbox,
} from './mailbox-lifecycle.js';
export type { MailboxListItem, Scope } from './mailbox-lifecycle.js';
export { importOrg, importOrgFile } from './org-import.js';
export type { OrgImportResult } from './org-import.js';
export { ownMailbox } from './own-mailbox.js';
export type { OwnMailbox } from './own-mailbox.js';
export { ROSTER_OPTIONAL_COLUMNS, ROSTER_REQUIRED_COLUMNS } from './roster-file.js';
export { importRoster, importRosterFile } from './roster-import.js';
export type { ImportPhase, ImportProgress, RosterImportResult } from './roster-import.js';
export {
  addMailboxOwner, assertMayRemoveOwner, createSharedMailbox, getSharedMailbox, listSharedMailboxes, removeMailboxOwner,
  storedLoginMailboxes, storedMailboxLogin,
} from './shared-mailboxes.js';
export { transferStaff } from './transfer.js';
