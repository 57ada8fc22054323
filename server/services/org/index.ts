// The org chart as data (agencies, org files, seeds) and the ticket taxonomy (classes, categories).
export {
  AGENCY_KINDS, agencyCodeProblem, domainOf, emailAddressProblem, isAgencyKind, mailDomainProblem, normaliseAgencyCode,
} from './agency.js';
export { agencyChoices, findAgencyByCode } from './agency-lookup.js';
export type { AgencySeed, ValueProblem } from './agency.js';
export { FEEDBACK_CATEGORIES, REFERRAL_DEADLINE, TICKET_CLASSES } from './categories.js';
export type { TicketClass } from './categories.js';
export { ORG_FILE_OPTIONAL_COLUMNS, ORG_FILE_REQUIRED_COLUMNS, parseOrgTable } from './org-file.js';
export type { OrgFileError } from './org-file.js';
export { seedDemoIfEmpty } from './seed-demo.js';
