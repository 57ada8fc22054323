/**
 * Hashes for generated initial passwords, in bulk.
 *
 * Scheme and cost (measured on this 2-vCPU machine, see scripts/bench/provision.ts):
 *   {SHA512-CRYPT} 5000 rounds 10–17 ms, 1000 rounds (the spec minimum) 2.2–2.6 ms: 10,000 accounts need
 *   22–26 s of hashing alone, and the two vCPUs give no speed-up (two hashing processes each ran 1.9× slower),
 *   so the 20 s goal is out of reach with it. {PBKDF2} (Dovecot's PBKDF2-HMAC-SHA1, one native OpenSSL call)
 *   at 1000 rounds costs ~0.2 ms: 10,000 hashes in ~2 s.
 *   Why so little stretching is right here: a generated password has ~93 bits of entropy; 1000 rounds add
 *   ~10 bits of work and 100,000 would add ~17, both irrelevant against 2^93 guesses. Stretching protects
 *   passwords people choose, and those go through hashPassword(…, USER_CHOSEN_SCHEME) (BLF-CRYPT) instead.
 * Every hash keeps its {SCHEME} prefix, so Dovecot verifies it and a later change of scheme is per row.
 */
import { hashPassword, BULK_PROVISIONING_SCHEME, BULK_PROVISIONING_ROUNDS, type PasswordScheme } from '../crypto/password-hash.js';
const YIELD_EVERY = 200;

export type HashProgress = (done: number, total: number) => void;

/** One hash per password, in input order. Yields to the event loop now and then so progress can render. */
export async function hashInitialPasswords(
  passwords: readonly string[],
  opts: { scheme?: PasswordScheme; rounds?: number; onProgress?: HashProgress } = {},
): Promise<string[]> {
  const scheme = opts.scheme ?? BULK_PROVISIONING_SCHEME;
  const rounds = opts.rounds ?? (scheme === 'BLF-CRYPT' ? undefined : BULK_PROVISIONING_ROUNDS);
  const out: string[] = [];
  for (let i = 0; i < passwords.length; i++) {
    out.push(await hashPassword(passwords[i]!, scheme, rounds === undefined ? {} : { rounds }));
    if ((i + 1) % YIELD_EVERY === 0) {
      opts.onProgress?.(i + 1, passwords.length);
      await new Promise((r) => setImmediate(r));
    }
  }
  opts.onProgress?.(passwords.length, passwords.length);
  return out;
}
