// The hash-chained audit log. Each row's hash covers its content and the previous row's hash, keyed with a key
// derived from SECRET_KEY (chain-hash.ts), so editing, removing or forging a row breaks the chain from there on
// even for someone who can write to the database; `govmail audit:verify` finds the first broken row.
import { QueryTypes } from 'sequelize';
import type { Db } from '../../db/index.js';
import { execWrite, inTransaction } from '../../db/index.js';
import { env } from '../../config/env.js';
import { auditChainKey, KEYED_CHAIN, keyedRowHash } from './chain-hash.js';

export interface AuditEntry {
  actor: string;
  action: string;
  target?: string | null;
  details?: Record<string, unknown> | null;
}

/** The tip of the chain as audit_head records it: how many rows, and the last one's id and hash. */
export interface ChainPoint { seq: number; id: number; hash: string }

/**
 * Appends one entry. Runs inside the caller's transaction when there is one (CLS), so an audited change and its
 * audit row commit together. The UPDATE on audit_head comes first: it serialises concurrent appenders.
 */
export async function audit(db: Db, entry: AuditEntry): Promise<void> {
  const key = auditChainKey(env().SECRET_KEY);
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
    const hash = keyedRowHash(key, head.last_hash, at, row);
    const created = await db.models.AuditLog.create({ ...row, at, prev_hash: head.last_hash, hash, chain: KEYED_CHAIN });
    await execWrite(db.sequelize, 'UPDATE audit_head SET last_hash = :hash, last_id = :id WHERE id = 1', { hash, id: created.id });
  });
}

export async function readAuditHead(db: Db): Promise<ChainPoint> {
  const [head] = await db.sequelize.query<{ seq: number | string; last_id: number | string | null; last_hash: string }>(
    'SELECT seq, last_id, last_hash FROM audit_head WHERE id = 1', { type: QueryTypes.SELECT });
  return { seq: Number(head.seq), id: Number(head.last_id ?? 0), hash: head.last_hash };
}
