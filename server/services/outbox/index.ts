// Every automatic mail, at most once per purpose: the queue, receipts and their limits, and the flush.
export { ackCounts, ackCountsOf, ackLimitReached, alertAckLimit, isOwnAddress, receiptMail } from './acknowledge.js';
export type { AckCounts, AckOutcome, ReceiptContext } from './acknowledge.js';
export { enqueueAlert, enqueueMail, outboxRow } from './enqueue.js';
export { flushOutbox } from './flush.js';
