// Verifies the audit chain: every row links to the one before and matches its hash, the plain rows from before
// the upgrade end in the seal that the first keyed row records, and the chain passes through the head that
// audit_head records and through an anchor the operator kept outside the database (`audit:head`), each at the
// position it was taken. Rows after the head or the anchor (appended since) are checked like the others.
import { QueryTypes } from 'sequelize';
import type { Db } from '../../db/index.js';
import { env } from '../../config/env.js';
import { readAuditHead, type ChainPoint } from './audit-log.js';
import { auditChainKey, GENESIS_HASH, KEYED_CHAIN, keyedRowHash, PLAIN_CHAIN, plainRowHash, SEAL_ACTION } from './chain-hash.js';

export type VerifyResult =
  | { ok: true; rows: number; head: ChainPoint }
  | { ok: false; rows: number; brokenRowId: number; reason: string };

interface AuditRow { id: number; at: string | Date; actor: string; action: string; target: string | null; details: string | null; prev_hash: string; hash: string; chain: number }

class ChainBreak extends Error {
  constructor(readonly rowId: number, reason: string) {
    super(reason);
  }
}

/** A checkpoint the chain must pass through: the row at position `seq` is `id` with `hash`. */
interface Checkpoint extends ChainPoint { what: 'head' | 'anchor' }

function checkAt(point: Checkpoint, row: AuditRow): void {
  if (row.id === point.id && row.hash === point.hash) return;
  const where = point.what === 'head' ? 'audit_head records' : 'the anchor records';
  throw new ChainBreak(point.id, `${where} row ${point.id} as row ${point.seq} of the chain, but row ${point.seq} is now row ${row.id}: rows up to it were removed or replaced`);
}

function checkReached(point: Checkpoint, rows: number, lastId: number): void {
  if (rows >= point.seq) return;
  const where = point.what === 'head' ? 'audit_head records' : 'the anchor records';
  throw new ChainBreak(point.id, `${where} ${point.seq} rows ending at row ${point.id}, but the log ends at row ${lastId} after ${rows}: the rows after it were removed`);
}

/** Walks the chain in id order, in pages; the first problem found is reported with the row it is at. */
export async function verifyAuditChain(db: Db, opts: { anchor?: ChainPoint; secretKey?: string; pageSize?: number } = {}): Promise<VerifyResult> {
  const key = auditChainKey(opts.secretKey ?? env().SECRET_KEY);
  // The head is read first: rows appended while the walk runs lie after it.
  const head = await readAuditHead(db);
  const checkpoints = new Map<number, Checkpoint[]>();
  for (const point of [{ ...head, what: 'head' as const }, ...(opts.anchor ? [{ ...opts.anchor, what: 'anchor' as const }] : [])]) {
    if (point.seq > 0) checkpoints.set(point.seq, [...(checkpoints.get(point.seq) ?? []), point]);
  }
  let prev = GENESIS_HASH;
  let rows = 0;
  let lastId = 0;
  let firstPlainId: number | null = null;
  let keyed = false;
  try {
    for (;;) {
      const page = await db.sequelize.query<AuditRow>(
        'SELECT id, at, actor, action, target, details, prev_hash, hash, chain FROM audit_log WHERE id > :lastId ORDER BY id LIMIT :limit',
        { replacements: { lastId, limit: opts.pageSize ?? 1000 }, type: QueryTypes.SELECT },
      );
      if (page.length === 0) break;
      for (const r of page) {
        rows++;
        if (r.prev_hash !== prev) throw new ChainBreak(r.id, 'prev_hash does not match the previous row (a row before it was removed, added or reordered)');
        const at = r.at instanceof Date ? r.at : new Date(String(r.at).replace(' +00:00', 'Z').replace(' ', 'T'));
        const chain = Number(r.chain);
        if (chain === PLAIN_CHAIN) {
          if (keyed) throw new ChainBreak(r.id, 'a row in the plain SHA-256 form of before the upgrade comes after keyed rows: it was rewritten');
          firstPlainId ??= r.id;
          if (plainRowHash(prev, at, r) !== r.hash) throw new ChainBreak(r.id, 'content does not match its hash (the row was edited)');
        } else if (chain === KEYED_CHAIN) {
          if (keyedRowHash(key, prev, at, r) !== r.hash) throw new ChainBreak(r.id, 'content does not match its keyed hash (the row was edited or forged, or SECRET_KEY is not the one it was written with)');
          if (!keyed && firstPlainId !== null) checkSeal(r, rows - 1, prev);
          keyed = true;
        } else {
          throw new ChainBreak(r.id, `unknown chain version ${r.chain}`);
        }
        for (const point of checkpoints.get(rows) ?? []) checkAt(point, r);
        prev = r.hash;
        lastId = r.id;
      }
    }
    if (firstPlainId !== null && !keyed) {
      throw new ChainBreak(firstPlainId, 'rows in the plain SHA-256 form of before the upgrade are not followed by the keyed seal row: they were rewritten');
    }
    for (const points of checkpoints.values()) for (const point of points) checkReached(point, rows, lastId);
  } catch (e) {
    if (e instanceof ChainBreak) return { ok: false, rows, brokenRowId: e.rowId, reason: e.message };
    throw e;
  }
  return { ok: true, rows, head };
}

/** The first keyed row after plain ones must be the seal written by the upgrade, naming exactly those rows. */
function checkSeal(r: AuditRow, plainRows: number, plainLastHash: string): void {
  let sealed: { legacy_rows?: unknown; legacy_last_hash?: unknown } = {};
  try {
    sealed = r.action === SEAL_ACTION && r.details ? JSON.parse(r.details) : {};
  } catch {
    // unreadable details: not a seal, reported below
  }
  if (sealed.legacy_rows !== plainRows || sealed.legacy_last_hash !== plainLastHash) {
    throw new ChainBreak(r.id, `the first keyed row must seal the ${plainRows} plain SHA-256 rows before it, ending in ${plainLastHash.slice(0, 12)}…; the rows before it were changed`);
  }
}
