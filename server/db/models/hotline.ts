// Models for hotline ingestion (migration 0004-hotline). See server/services/ingestion/README.md.
import type { Sequelize } from 'sequelize';
import { defineTable, pk, DataTypes } from './define.js';

export interface HotlineInboxAttrs {
  id: number;
  agency_id: number;
  address: string | null;
  imap_host: string;
  imap_port: number;
  imap_user: string;
  imap_secure: boolean;
  imap_folder: string;
  /** secret-box ciphertext of the IMAP password (AES-256-GCM keyed from SECRET_KEY) */
  password_enc: string;
  poll_interval_s: number;
  /** a govmail-made mailbox the hotline reads (migration 0015): login and sealed password come from it, and
   *  password_enc is then empty */
  mailbox_id: number | null;
  /** BigInt on the wire, so kept as text */
  uid_validity: string | null;
  last_uid: number;
  /** mail dated before this is imported as history: no acknowledgement */
  history_cutoff: Date | null;
  lease_owner: string | null;
  lease_until: Date | null;
  last_ok_at: Date | null;
  consecutive_failures: number;
  last_error: string | null;
  active: boolean;
}

/** One stint of an inbox lease (migration 0021): see services/ingestion/lease-history.ts. */
export interface InboxLeaseHistoryAttrs {
  id: number;
  inbox_id: number;
  owner: string;
  claimed_at: Date;
  held_until: Date;
  released_at: Date | null;
}

export interface RawMessageAttrs { sha256: string; bytes: Buffer; size: number; created_at: Date }

export type MessageClass = 'human' | 'auto_reply' | 'bounce' | 'list' | 'loop' | 'spam' | 'quarantined' | 'duplicate' | 'outbound';

export interface MessageAttrs {
  id: number;
  inbox_id: number | null;
  uid_validity: string | null;
  uid: number | null;
  message_id: string;
  sha256: string;
  direction: 'in' | 'out';
  classification: MessageClass;
  class_reason: string | null;
  ticket_id: number | null;
  from_address: string | null;
  subject: string | null;
  text_body: string | null;
  html_sanitized: string | null;
  search_text: string | null;
  quarantine_reason: string | null;
  quarantine_detail: string | null;
  /** when the mail server received it (IMAP INTERNALDATE); null only on rows that are not inbound mail */
  received_at: Date | null;
  created_at?: Date;
}

/** Every status a ticket takes (services/tickets moves it between them); here, beside the model, so a reader of
 * tickets (the metrics) can name them without loading the ticket service. */
export const TICKET_STATUSES = ['new', 'open', 'pending', 'resolved', 'closed', 'archived'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
/** Statuses of a case that is done: no clock runs, nothing more is done to it (no merge, not overdue). */
export const FINISHED_STATUSES: readonly string[] = ['resolved', 'closed', 'archived'];

export interface TicketAttrs {
  id: number;
  ref: string;
  agency_id: number;
  status: 'new' | 'open' | 'pending' | 'closed' | 'archived';
  class: string;
  category: string | null;
  priority: string;
  citizen_address: string;
  citizen_name: string | null;
  /** citizen_name without tone marks, lower case: the queue's search (migration 0019) */
  citizen_folded?: string | null;
  subject: string;
  lookup_code_hash: string | null;
  received_at: Date;
  due_at: Date | null;
  first_response_due_at: Date | null;
  related_ticket_id: number | null;
  relation: 'may_relate_to' | 'same_mail' | 'referred_from' | 'follow_up_of' | 'merged_into' | null;
  history: boolean;
  undeliverable: boolean;
  created_at?: Date;
}

export interface TicketEventAttrs { id: number; ticket_id: number; kind: string; message_id: number | null; details: string | null; at: Date }

/** held: a receipt past RECEIPTS_PER_HOUR, kept and never sent by the flush (outbox/acknowledge.ts) */
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'unknown' | 'held';

export interface OutboxAttrs {
  id: number;
  idempotency_key: string;
  kind: string;
  ticket_id: number | null;
  to_address: string;
  from_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** JSON object of extra headers */
  headers: string | null;
  message_id: string | null;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: Date;
  sending_since: Date | null;
  last_error: string | null;
  sent_at: Date | null;
  /** the exact MIME bytes sent, in raw_messages (migration 0022); null until built */
  raw_sha256?: string | null;
  created_at?: Date;
}

/** A file an outbox mail carries (migration 0016), in the order of `id`. */
export interface OutboxAttachmentAttrs { id: number; outbox_id: number; filename: string; content_type: string; content: Buffer; created_at?: Date }

/** A user's saved queue filter (migration 0019): `query` is the queue's URL query string. */
export interface QueueViewAttrs { id: number; user_id: number; name: string; query: string; created_at?: Date; updated_at?: Date }

export function defineHotlineModels(s: Sequelize) {
  const HotlineInbox = defineTable<HotlineInboxAttrs>(s, 'HotlineInbox', 'hotline_inboxes', {
    id: pk, agency_id: DataTypes.INTEGER, address: DataTypes.STRING, imap_host: DataTypes.STRING, imap_port: DataTypes.INTEGER,
    imap_user: DataTypes.STRING, imap_secure: DataTypes.BOOLEAN, imap_folder: DataTypes.STRING, password_enc: DataTypes.TEXT,
    poll_interval_s: DataTypes.INTEGER, uid_validity: DataTypes.STRING, last_uid: DataTypes.BIGINT, history_cutoff: DataTypes.DATE(3),
    lease_owner: DataTypes.STRING, lease_until: DataTypes.DATE(3), last_ok_at: DataTypes.DATE(3),
    consecutive_failures: DataTypes.INTEGER, last_error: DataTypes.TEXT, active: DataTypes.BOOLEAN, mailbox_id: DataTypes.INTEGER,
  });
  const RawMessage = defineTable<RawMessageAttrs>(s, 'RawMessage', 'raw_messages', {
    sha256: { type: DataTypes.STRING, primaryKey: true }, bytes: DataTypes.BLOB, size: DataTypes.INTEGER, created_at: DataTypes.DATE(3),
  }, { timestamps: false });
  const Message = defineTable<MessageAttrs>(s, 'Message', 'messages', {
    id: pk, inbox_id: DataTypes.INTEGER, uid_validity: DataTypes.STRING, uid: DataTypes.BIGINT, message_id: DataTypes.STRING,
    sha256: DataTypes.STRING, direction: DataTypes.STRING, classification: DataTypes.STRING, class_reason: DataTypes.STRING,
    ticket_id: DataTypes.INTEGER, from_address: DataTypes.STRING, subject: DataTypes.STRING, text_body: DataTypes.TEXT,
    html_sanitized: DataTypes.TEXT, search_text: DataTypes.TEXT, quarantine_reason: DataTypes.STRING, quarantine_detail: DataTypes.TEXT,
    received_at: DataTypes.DATE(3),
  });
  const Ticket = defineTable<TicketAttrs>(s, 'Ticket', 'tickets', {
    id: pk, ref: DataTypes.STRING, agency_id: DataTypes.INTEGER, status: DataTypes.STRING, class: DataTypes.STRING,
    category: DataTypes.STRING, priority: DataTypes.STRING, citizen_address: DataTypes.STRING, citizen_name: DataTypes.STRING, citizen_folded: DataTypes.STRING,
    subject: DataTypes.STRING, lookup_code_hash: DataTypes.STRING, received_at: DataTypes.DATE(3), due_at: DataTypes.DATE(3),
    first_response_due_at: DataTypes.DATE(3), related_ticket_id: DataTypes.INTEGER, relation: DataTypes.STRING,
    history: DataTypes.BOOLEAN, undeliverable: DataTypes.BOOLEAN,
  });
  const TicketEvent = defineTable<TicketEventAttrs>(s, 'TicketEvent', 'ticket_events', {
    id: pk, ticket_id: DataTypes.INTEGER, kind: DataTypes.STRING, message_id: DataTypes.INTEGER, details: DataTypes.TEXT, at: DataTypes.DATE(3),
  }, { timestamps: false });
  const Outbox = defineTable<OutboxAttrs>(s, 'Outbox', 'outbox', {
    id: pk, idempotency_key: DataTypes.STRING, kind: DataTypes.STRING, ticket_id: DataTypes.INTEGER, to_address: DataTypes.STRING,
    from_address: DataTypes.STRING, subject: DataTypes.STRING, text_body: DataTypes.TEXT, html_body: DataTypes.TEXT,
    headers: DataTypes.TEXT, message_id: DataTypes.STRING, status: DataTypes.STRING, attempts: DataTypes.INTEGER,
    next_attempt_at: DataTypes.DATE(3), sending_since: DataTypes.DATE(3), last_error: DataTypes.TEXT, sent_at: DataTypes.DATE(3), raw_sha256: DataTypes.STRING,
  });
  const OutboxAttachment = defineTable<OutboxAttachmentAttrs>(s, 'OutboxAttachment', 'outbox_attachments', {
    id: pk, outbox_id: DataTypes.INTEGER, filename: DataTypes.STRING, content_type: DataTypes.STRING, content: DataTypes.BLOB, created_at: DataTypes.DATE(3),
  }, { timestamps: false });
  const QueueView = defineTable<QueueViewAttrs>(s, 'QueueView', 'queue_views', {
    id: pk, user_id: DataTypes.INTEGER, name: DataTypes.STRING, query: DataTypes.STRING,
  });
  const InboxLeaseHistory = defineTable<InboxLeaseHistoryAttrs>(s, 'InboxLeaseHistory', 'inbox_lease_history', {
    id: pk, inbox_id: DataTypes.INTEGER, owner: DataTypes.STRING, claimed_at: DataTypes.DATE(3), held_until: DataTypes.DATE(3), released_at: DataTypes.DATE(3),
  }, { timestamps: false });
  return { HotlineInbox, RawMessage, Message, Ticket, TicketEvent, Outbox, OutboxAttachment, QueueView, InboxLeaseHistory };
}
