// Receiving hotline mail: the inboxes and their settings, the IMAP poll, and the worker that runs it.
export { ingestContextFor } from './context-from-env.js';
export type { IngestContext } from './ingest-context.js';
export { HotlineWorker } from './hotline-worker.js';
export { checkInboxTransport, InboxFormError, sealFormPassword } from './inbox-form.js';
export type { InboxForm } from './inbox-form.js';
export { countInboxMail, inboxMailboxChoices, inboxStartsOver, listInboxStatus, saveInboxSettings, testInboxConnection } from './inbox-admin.js';
export type { ConnectionTest, MailCount } from './inbox-admin.js';
export { setHotlineInbox, setHotlineMailbox } from './inbox-store.js';
export { pollAllInboxes } from './poll-inbox.js';
export { leaseStints, purgeLeaseHistory } from './lease-history.js';
export { reconcileInboxes } from './reconcile.js';
export { listReviewMail, REVIEW_CLASSES, REVIEW_ROLES, reviewAgencyChoices, reviewAgencyFor } from './review-list.js';
export type { ReviewAgency, ReviewClass, ReviewMail, ReviewPage } from './review-list.js';
export { convertToTicket, reprocessQuarantined } from './review-actions.js';
export { mailToReview } from './review-handled.js';
export type { Converted, Reprocessed } from './review-actions.js';
