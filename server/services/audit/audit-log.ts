// The hash-chained audit log. Each row's hash covers its content and the previous row's hash, so editing or
// deleting a row breaks the chain from that row on; `govmail audit:verify` finds the first broken row.
import { createHash } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import type { Db } from '../../db/index.js';
import { execWrite, inTransaction } from '../../db/index.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  actor: string;
  action: string;
  target?: string | null;
  details?: Record<string, unknown> | null;
}

/** Canonical text of a row: fixed field order, millisecond UTC time, so both dialects hash identically. */
function rowHash(prevHash: string, at: Date, e: { actor: string; action: string; target: string | null; details: string | null }): string {
  const canonical = JSON.stringify([prevHash, at.toISOString(), e.actor, e.action, e.target, e.details]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Appends one entry. Runs inside the caller's transaction when there is one (CLS), so an audited change and its
 * audit row commit together. The UPDATE on audit_head comes first: it serialises concurrent appenders.
 */
export async function audit(db: Db, entry: AuditEntry): Promise<void> {
  await inTransaction(db.sequelize, async () => {
    await execWrite(db.sequelize, 'UPDATE audit_head SET seq = seq + 1 WHERE id = 1', {});
    const [head] = await db.sequelize.query<{ last_hash: string }>('SELECT last_hash FROM audit_head WHERE id = 1', { type: QueryTypes.SELECT });
    const at = new Date();
    const row = {
      actor: entry.actor,
      action: entry.action,
      target: entry.target ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    };
    const hash = rowHash(head.last_hash, at, row);
    await db.models.AuditLog.create({ ...row, at, prev_hash: head.last_hash, hash });
    await execWrite(db.sequelize, 'UPDATE audit_head SET last_hash = :hash WHERE id = 1', { hash });
  });
}

export type VerifyResult = { ok: true; rows: number } | { ok: false; rows: number; brokenRowId: number; reason: string };

/** Walks the chain in id order, in pages, and reports the first row whose link or content does not match. */
export async function verifyAuditChain(db: Db, pageSize = 1000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let rows = 0;
  for (;;) {
    const page = await db.sequelize.query<{ id: number; at: string | Date; actor: string; action: string; target: string | null; details: string | null; prev_hash: string; hash: string }>(
      'SELECT id, at, actor, action, target, details, prev_hash, hash FROM audit_log WHERE id > :lastId ORDER BY id LIMIT :limit',
      { replacements: { lastId, limit: pageSize }, type: QueryTypes.SELECT },
    );
    if (page.length === 0) break;
    for (const r of page) {
      rows++;
      if (r.prev_hash !== prev) return { ok: false, rows, brokenRowId: r.id, reason: 'prev_hash does not match the previous row (a row was removed or reordered)' };
      const at = r.at instanceof Date ? r.at : new Date(String(r.at).replace(' +00:00', 'Z').replace(' ', 'T'));
      if (rowHash(r.prev_hash, at, r) !== r.hash) return { ok: false, rows, brokenRowId: r.id, reason: 'content does not match its hash (the row was edited)' };
      prev = r.hash;
      lastId = r.id;
    }
  }
  return { ok: true, rows };
}
