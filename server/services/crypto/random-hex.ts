// Random hex for per-mail nonces. randomBytes(8) pays for a fresh fill of its own on every call, and the
// ingestion's bulk path draws one per receipt, 250 to a group; here the bytes come from a pool filled 4 KiB at
// a time, each byte handed out once. Same source (the OS CSPRNG via randomBytes), so just as unpredictable.
import { randomBytes } from 'node:crypto';

const POOL_BYTES = 4096;
let pool = randomBytes(POOL_BYTES);
let used = 0;

/** `bytes` random bytes as lower-case hex (2 × bytes characters). */
export function randomHex(bytes: number): string {
  if (bytes > POOL_BYTES) return randomBytes(bytes).toString('hex');
  if (used + bytes > POOL_BYTES) {
    pool = randomBytes(POOL_BYTES);
    used = 0;
  }
  const hex = pool.toString('hex', used, used + bytes);
  used += bytes;
  return hex;
}
