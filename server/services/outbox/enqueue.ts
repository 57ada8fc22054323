// Putting mail in the outbox. The idempotency key is the whole guarantee against double sends: `ack:<ticket>`
// can exist once, ever, so a re-run of ingestion after a crash finds the row and adds nothing.
import { UniqueConstraintError } from 'sequelize';
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';

/** A file the mail carries (a report); stored with the row (outbox_attachments) and sent as is. */
export interface MailAttachment { filename: string; contentType: string; content: Buffer }

export interface OutboxMail {
  idempotencyKey: string;
  kind: 'ack' | 'alert' | 'reply' | 'notice' | 'report';
  ticketId?: number | null;
  to: string;
  from: string;
  subject: string;
  text: string;
  html?: string | null;
  headers?: Record<string, string>;
  /** `<…>`; set when replies must find the ticket again (own HMAC id) */
  messageId?: string | null;
  notBefore?: Date;
  attachments?: readonly MailAttachment[];
}

/** The outbox row of a mail, queued. */
export function outboxRow(mail: OutboxMail) {
  return {
    idempotency_key: mail.idempotencyKey, kind: mail.kind, ticket_id: mail.ticketId ?? null, to_address: mail.to.toLowerCase(),
    from_address: mail.from, subject: mail.subject.slice(0, 500), text_body: mail.text, html_body: mail.html ?? null,
    headers: mail.headers ? JSON.stringify(mail.headers) : null, message_id: mail.messageId ?? null, status: 'queued' as const,
    attempts: 0, next_attempt_at: mail.notBefore ?? new Date(),
  };
}

/** Inserts the row unless its key exists; returns whether it was new. Joins the caller's transaction (CLS). */
export async function enqueueMail(db: Db, mail: OutboxMail): Promise<boolean> {
  const existing = await db.models.Outbox.findOne({ where: { idempotency_key: mail.idempotencyKey }, attributes: ['id'] });
  if (existing) return false;
  try {
    // the row and its files commit together: a row must never be sent without the files it was queued with
    await inTransaction(db.sequelize, async () => {
      const row = await db.models.Outbox.create(outboxRow(mail));
      for (const a of mail.attachments ?? []) {
        await db.models.OutboxAttachment.create({ outbox_id: row.id, filename: a.filename, content_type: a.contentType, content: a.content, created_at: new Date() });
      }
    });
    return true;
  } catch (e) {
    if (e instanceof UniqueConstraintError) return false;
    throw e;
  }
}

/** Admin alert, once per `key` (e.g. per inbox per failure streak). */
export async function enqueueAlert(db: Db, key: string, to: readonly string[], from: string, subject: string, text: string): Promise<void> {
  for (const address of to) {
    await enqueueMail(db, { idempotencyKey: `alert:${key}:${address}`.slice(0, 190), kind: 'alert', to: address, from, subject, text,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' } });
  }
}
