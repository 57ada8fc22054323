/**
 * Initial passwords between an import and HR's download. Choice: they are never stored in plain text;
 * the import stores them in its import_batches row as one AES-256-GCM blob under a key derived from
 * SECRET_KEY, and `takeCredentials` hands them out exactly once: the same statement that marks the batch
 * taken erases the blob (a conditional UPDATE, so two clicks or two processes cannot both win). Untaken
 * blobs expire after CREDENTIALS_TTL_MS and are erased by purgeExpiredCredentials or at the next take.
 * The CLI takes them at import time (`roster:import --credentials DIR`) or later (`credentials:take`).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import type { Db } from '../../db/index.js';
import { execWrite, inTransaction } from '../../db/index.js';
import { audit } from '../audit/index.js';
import { ProvisioningError } from './errors.js';

export const CREDENTIALS_TTL_MS = 72 * 60 * 60_000; // long enough for a weekend between import and printing

export interface Credential {
  employeeCode: string;
  fullName: string;
  agencyName: string;
  address: string;
  password: string;
}

function keyFrom(secretKey: string): Buffer {
  return createHash('sha256').update(`govmail:credentials:v1:${secretKey}`).digest();
}

export function sealCredentials(items: Credential[], secretKey: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secretKey), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(items), 'utf8'), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

export function openCredentials(blob: string, secretKey: string): Credential[] {
  const raw = Buffer.from(blob.replace(/^v1\./, ''), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(secretKey), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as Credential[];
  } catch {
    throw new ProvisioningError('credentials.undecryptable', 'the credentials cannot be decrypted: SECRET_KEY changed since the import', null, 409);
  }
}

/**
 * The initial passwords of one import, once. Throws `credentials.gone` when already taken or expired
 * (HR then resets the passwords it still needs with mailbox:set-password).
 */
export async function takeCredentials(db: Db, batchId: number, opts: { secretKey: string; actor: string; now?: Date }): Promise<Credential[]> {
  const now = opts.now ?? new Date();
  return inTransaction(db.sequelize, async () => {
    const [row] = await db.sequelize.query<{ credentials_blob: string | null; credentials_expires_at: string | Date | null }>(
      'SELECT credentials_blob, credentials_expires_at FROM import_batches WHERE id = :id',
      { replacements: { id: batchId }, type: QueryTypes.SELECT },
    );
    if (!row) throw new ProvisioningError('import.not_found', `import ${batchId} does not exist`, 'batch', 404);
    const changed = await execWrite(
      db.sequelize,
      `UPDATE import_batches SET credentials_blob = NULL, credentials_taken_at = :now, credentials_taken_by = :actor
       WHERE id = :id AND credentials_blob IS NOT NULL AND credentials_expires_at > :now`,
      { id: batchId, now, actor: opts.actor },
    );
    if (changed !== 1 || row.credentials_blob === null) {
      throw new ProvisioningError('credentials.gone', `the passwords of import ${batchId} were already downloaded or have expired`, 'batch', 410);
    }
    await audit(db, { actor: opts.actor, action: 'credentials.take', target: `import:${batchId}` });
    return openCredentials(row.credentials_blob, opts.secretKey);
  });
}

/** Erases blobs past their expiry; returns how many. For a scheduler job. */
export async function purgeExpiredCredentials(db: Db, now = new Date()): Promise<number> {
  return execWrite(
    db.sequelize,
    'UPDATE import_batches SET credentials_blob = NULL WHERE credentials_blob IS NOT NULL AND credentials_expires_at <= :now',
    { now },
  );
}
