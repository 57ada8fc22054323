// How an audit row's `hash` is computed, per chain version (audit_log.chain). Pure.
// 1: sha256 of the row's canonical text. Rows written before the upgrade; anyone with write access to the
//    database can recompute these, so they are trusted only up to the seal row that follows them.
// 2: HMAC-SHA256 of the same text, keyed with a key derived from SECRET_KEY, which is not in the database.
// Never change a version's formula: rows already written would stop verifying. Add a version instead (and its
// copy in the migration that introduces it, migrations being frozen).
import { createHash, createHmac, hkdfSync } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);
export const PLAIN_CHAIN = 1;
export const KEYED_CHAIN = 2;
/** The first keyed row of a log that has plain rows: it names how many there were and the hash they end in. */
export const SEAL_ACTION = 'audit.chain.keyed';

export interface HashedFields { actor: string; action: string; target: string | null; details: string | null }

/** Canonical text of a row: fixed field order, millisecond UTC time, so both dialects hash identically. */
function canonical(prevHash: string, at: Date, e: HashedFields): string {
  return JSON.stringify([prevHash, at.toISOString(), e.actor, e.action, e.target, e.details]);
}

export function plainRowHash(prevHash: string, at: Date, e: HashedFields): string {
  return createHash('sha256').update(canonical(prevHash, at, e)).digest('hex');
}

export function keyedRowHash(key: Buffer, prevHash: string, at: Date, e: HashedFields): string {
  return createHmac('sha256', key).update(canonical(prevHash, at, e)).digest('hex');
}

const keys = new Map<string, Buffer>();

/** The chain's HMAC key: HKDF of SECRET_KEY with its own label, so it never equals a key used elsewhere. */
export function auditChainKey(secretKey: string): Buffer {
  if (!secretKey) throw new Error('SECRET_KEY is empty');
  let key = keys.get(secretKey);
  if (!key) keys.set(secretKey, (key = Buffer.from(hkdfSync('sha256', secretKey, '', 'govmail.audit-chain.v2', 32))));
  return key;
}
