// Every automatic mail, at most once per purpose: the queue, receipts and their limits, and the flush.
export {
  ackCounts, ackCountsOf, ackLimitReached, alertAckLimit, alertReceiptRate, DEFAULT_RECEIPTS_PER_HOUR, HELD_REASON, isOwnAddress, receiptMail,
  receiptsLastHour,
} from './acknowledge.js';
export type { AckCounts, AckOutcome, ReceiptContext } from './acknowledge.js';
export { enqueueAlert, enqueueMail, outboxRow } from './enqueue.js';
export type { MailAttachment, OutboxMail } from './enqueue.js';
export { flushOutbox, outgoingOf } from './flush.js';
export { sentBytes } from './exact-bytes.js';
export { adminAlerts, AlertsForbiddenError } from './admin-alerts.js';
export type { AdminAlerts } from './admin-alerts.js';
