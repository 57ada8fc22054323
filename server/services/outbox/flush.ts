// Sends due outbox rows: queued → sending → sent | failed, with retry and backoff on temporary failures.
// Crash rule (Ghost batch-sending-service): a row found in `sending` for longer than SENDING_STALE_MS was
// being sent when a process died. Whether the SMTP server accepted it cannot be known from here, so it is
// marked `unknown` and an admin is alerted; it is NEVER resent automatically (a duplicate legal receipt is
// worse than a late one, and an admin can requeue it after checking the relay's log).
import type { Db } from '../../db/index.js';
import { execWrite } from '../../db/index.js';
import type { OutboxAttrs } from '../../db/models/hotline.js';
import type { MailTransport, OutgoingMessage } from '../../mail/transport.js';
// From send-error.ts, not transport.ts: the class alone, without loading nodemailer into every CLI command.
import { SendError } from '../../mail/send-error.js';
import { Op } from 'sequelize';
import { enqueueAlert } from './enqueue.js';
import { exactBytes } from './exact-bytes.js';

export const SENDING_STALE_MS = 10 * 60_000;
export const OUTBOX_MAX_ATTEMPTS = 8;
const RETRY_BASE_MS = 60_000;
const RETRY_MAX_MS = 6 * 3_600_000;
const BATCH = 50;

export function outboxRetryDelayMs(attempt: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
}

export interface FlushResult { sent: number; failed: number; deferred: number; unknown: number }

export async function flushOutbox(db: Db, transport: MailTransport, opts: { now?: Date; alertTo?: string[]; alertFrom?: string } = {}): Promise<FlushResult> {
  const now = opts.now ?? new Date();
  const result: FlushResult = { sent: 0, failed: 0, deferred: 0, unknown: 0 };
  result.unknown = await markStaleSending(db, now, opts);
  const due = await db.models.Outbox.findAll({ where: { status: 'queued', next_attempt_at: { [Op.lte]: now } }, order: [['id', 'ASC']], limit: BATCH });
  for (const row of due) {
    // The conditional UPDATE is the claim: a second flusher changes 0 rows and skips the row.
    const claimed = await execWrite(db.sequelize,
      `UPDATE outbox SET status = 'sending', sending_since = :now, attempts = attempts + 1, updated_at = :now
       WHERE id = :id AND status = 'queued'`, { now, id: row.id });
    if (claimed !== 1) continue;
    const outcome = await sendOne(db, transport, row.get({ plain: true }) as OutboxAttrs, now);
    result[outcome]++;
  }
  return result;
}

/** The mail an outbox row sends, with its files: the flush sends it, the case export (services/case-export) writes it as .eml. */
export async function outgoingOf(db: Db, row: OutboxAttrs): Promise<OutgoingMessage> {
  const headers = row.headers ? (JSON.parse(row.headers) as Record<string, string>) : {};
  const { 'In-Reply-To': inReplyTo, References: references, ...rest } = headers;
  const files = await db.models.OutboxAttachment.findAll({ where: { outbox_id: row.id }, order: [['id', 'ASC']], raw: true });
  const attachments = files.map((f) => ({ filename: f.filename, contentType: f.content_type, content: Buffer.from(f.content) }));
  return { from: row.from_address, to: row.to_address, subject: row.subject, text: row.text_body,
    ...(row.html_body ? { html: row.html_body } : {}), headers: rest, ...(row.message_id ? { messageId: row.message_id } : {}),
    ...(inReplyTo ? { inReplyTo } : {}), ...(references ? { references } : {}), ...(attachments.length ? { attachments } : {}) };
}

async function sendOne(db: Db, transport: MailTransport, row: OutboxAttrs, now: Date): Promise<'sent' | 'failed' | 'deferred'> {
  try {
    const raw = await exactBytes(db, transport, row);
    await transport.sendRaw({ from: row.from_address, to: [row.to_address] }, raw);
    await execWrite(db.sequelize, `UPDATE outbox SET status = 'sent', sent_at = :now, last_error = NULL, updated_at = :now WHERE id = :id`, { now: new Date(), id: row.id });
    return 'sent';
  } catch (e) {
    const err = e instanceof SendError ? e : new SendError(String(e), false, null, null);
    const attempts = row.attempts + 1;
    const final = err.permanent || attempts >= OUTBOX_MAX_ATTEMPTS;
    await execWrite(db.sequelize,
      `UPDATE outbox SET status = :status, next_attempt_at = :next, last_error = :error, sending_since = NULL, updated_at = :now WHERE id = :id`,
      { status: final ? 'failed' : 'queued', next: new Date(now.getTime() + outboxRetryDelayMs(attempts)),
        error: `${err.smtpCode ?? err.code ?? ''} ${err.message}`.trim().slice(0, 2000), now: new Date(), id: row.id });
    return final ? 'failed' : 'deferred';
  }
}

async function markStaleSending(db: Db, now: Date, opts: { alertTo?: string[]; alertFrom?: string }): Promise<number> {
  const stale = await db.models.Outbox.findAll({ where: { status: 'sending', sending_since: { [Op.lt]: new Date(now.getTime() - SENDING_STALE_MS) } } });
  for (const row of stale) {
    const n = await execWrite(db.sequelize, `UPDATE outbox SET status = 'unknown', updated_at = :now WHERE id = :id AND status = 'sending'`, { now, id: row.id });
    if (n === 1 && opts.alertTo?.length && opts.alertFrom) {
      await enqueueAlert(db, `outbox-unknown:${row.id}`, opts.alertTo, opts.alertFrom, `[govmail] Mail ${row.id} may not have been sent`,
        `Outbox row ${row.id} (${row.kind} to ${row.to_address}) was being sent when a worker stopped. Check the relay log, then requeue it or leave it.`);
    }
  }
  return stale.length;
}
