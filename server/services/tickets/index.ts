// Opening a ticket and everything after: the queue, a ticket's detail, replies, notes, status, pauses, extensions,
// referral, and what a citizen's answer does to a paused or closed ticket.
export { addNote, assignTicket } from './actions.js';
export { answerOpensNewTicket, DEFAULT_REOPEN_WINDOW_DAYS, onCitizenAnswer } from './citizen-answer.js';
export { acceptTicket, canPauseFor, MANUAL_PAUSE_REASONS, pauseAudited, pauseTicket, resumeAudited, resumeTicket } from './clock-actions.js';
export { getTicket } from './detail.js';
export type { TicketView } from './detail.js';
export { TicketForbiddenError, TicketInputError, TicketNotFoundError } from './errors.js';
export { canExtend, extendTicketDeadline } from './extensions.js';
export { TICKET_STATUSES } from './list.js';
export { lookupCase } from './lookup.js';
export { queueSummary } from './queue-summary.js';
export type { QueueSummary } from './queue-summary.js';
export { TicketOpener } from './open-ticket.js';
export type { OpenTicket } from './open-ticket.js';
export { canChangeClass, reclassifyTicket } from './reclassify.js';
export { canRefer, referralTargets, referTicketAs } from './refer-action.js';
export { ReferralError, referTicket } from './referral.js';
export { replyToTicket } from './reply.js';
export { canWrite, scopeOf, TICKET_READ_ROLES, TICKET_WRITE_ROLES } from './scope.js';
export { setStatus, SETTABLE_STATUSES } from './status.js';
export { listTickets as listTicketItems, ticketIdByRef } from './ticket-list.js';
export { canFilterAgency, listQueue, QUEUE_SORTS } from './queue.js';
export type { QueueFilter, QueuePage, QueueSort } from './queue.js';
export { SLA_STATES } from './list.js';
export { bulkAct, bulkRefs, BULK_MAX_TICKETS } from './bulk.js';
export type { BulkAction, BulkResult } from './bulk.js';
export { BUILT_IN_VIEWS, deleteView, listSavedViews, saveView } from './saved-views.js';
export { agencyAgents } from './detail.js';
