// What the per-message pipeline needs besides the database: secrets, our own identities, and the limits
// (the receipt's share of it is outbox's ReceiptContext).
import type { ReceiptContext } from '../outbox/index.js';

export interface IngestContext extends ReceiptContext {
  now?: () => Date;
  /** REOPEN_WINDOW_DAYS: a citizen's answer reopens a case resolved at most this long ago (default 30) */
  reopenWindowDays?: number;
}

export const DEFAULT_ACK_LIMIT_PER_HOUR = 3;
export const DEFAULT_ACK_LIMIT_PER_DAY = 10;
