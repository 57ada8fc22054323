// The legal record of an outgoing mail is the bytes the relay received, not a re-rendering: the MIME message is
// built once (DKIM-signed when configured), stored in raw_messages beside the inbound raw mail and linked by
// outbox.raw_sha256, and only then sent, unchanged. A retry after a temporary failure sends the stored bytes again,
// so the Date, boundaries and signature the citizen may finally receive are the ones on record.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/index.js';
import type { OutboxAttrs } from '../../db/models/hotline.js';
import type { MailTransport } from '../../mail/transport.js';
// flush.ts imports this module too; the cycle is safe (functions, called after both modules loaded)
import { outgoingOf } from './flush.js';

/** The row's stored bytes, or built, stored and linked now (before any byte goes on the wire). */
export async function exactBytes(db: Db, transport: MailTransport, row: OutboxAttrs): Promise<Buffer> {
  if (row.raw_sha256) {
    const stored = await db.models.RawMessage.findByPk(row.raw_sha256, { attributes: ['bytes'] });
    if (stored) return Buffer.from(stored.bytes);
  }
  const raw = await transport.build(await outgoingOf(db, row));
  const sha256 = createHash('sha256').update(raw).digest('hex');
  // The same bytes twice (never in practice: Date and Message-ID differ) share one row.
  if (!(await db.models.RawMessage.findByPk(sha256, { attributes: ['sha256'] }))) {
    await db.models.RawMessage.create({ sha256, bytes: raw, size: raw.length, created_at: new Date() });
  }
  await db.models.Outbox.update({ raw_sha256: sha256 }, { where: { id: row.id } });
  return raw;
}

/** The bytes an outbox row went out as, or null when it was never built (still queued, or sent before migration 0022). */
export async function sentBytes(db: Db, outboxId: number): Promise<Buffer | null> {
  const row = await db.models.Outbox.findByPk(outboxId, { attributes: ['raw_sha256'] });
  if (!row?.raw_sha256) return null;
  const stored = await db.models.RawMessage.findByPk(row.raw_sha256, { attributes: ['bytes'] });
  return stored ? Buffer.from(stored.bytes) : null;
}
