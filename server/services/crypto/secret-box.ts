// Secrets at rest (hotline IMAP passwords): AES-256-GCM with a key derived from SECRET_KEY. The output is
// `v1.<iv>.<tag>.<ciphertext>` in base64url, so a future key rotation can add v2 without guessing formats.
// Another use of the box (the queue's bulk-form mark, services/tickets/bulk.ts) names its own `purpose`: a key of
// its own, so a box sealed for one use never opens as another's.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
/** GCM would verify a tag cut to as little as 4 bytes, which a forger can guess; we seal 16 and accept only 16. */
const TAG_BYTES = 16;
const VERSION = 'v1';

/** What a box is for; 'secret-box' (secrets at rest) is the label every sealed hotline secret was made with. */
export type SealPurpose = 'secret-box' | 'bulk-mark';

function keyFrom(secretKey: string, purpose: SealPurpose): Buffer {
  if (!secretKey) throw new Error('SECRET_KEY is empty');
  // Domain-separated so the same SECRET_KEY used for HMACs elsewhere never doubles as this cipher key.
  return createHash('sha256').update(`govmail.${purpose}.v1\n${secretKey}`).digest();
}

export function sealSecret(plain: string, secretKey: string, purpose: SealPurpose = 'secret-box'): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secretKey, purpose), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

/** Throws when the box was sealed with another key or altered. */
export function openSecret(sealed: string, secretKey: string, purpose: SealPurpose = 'secret-box'): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('not a sealed secret');
  const tagBytes = Buffer.from(tag, 'base64url');
  if (tagBytes.length !== TAG_BYTES) throw new Error('not a sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(secretKey, purpose), Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tagBytes);
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
