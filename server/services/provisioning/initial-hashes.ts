/**
 * Hashes for generated initial passwords, in bulk.
 *
 * Scheme and cost (measured on the 2-vCPU dev machine; figures in scripts/bench/README.md):
 *   {SHA512-CRYPT}, even at 1000 rounds (the spec minimum), spends more than the 20 s goal on hashing 10,000
 *   accounts alone, and a second CPU gives no speed-up (two hashing processes each ran slower). {PBKDF2}
 *   (Dovecot's PBKDF2-HMAC-SHA1, one native OpenSSL call) at 1000 rounds leaves most of the goal to the rest.
 *   Why so little stretching is right here: a generated password has ~93 bits of entropy; 1000 rounds add
 *   ~10 bits of work and 100,000 would add ~17, both irrelevant against 2^93 guesses. Stretching protects
 *   passwords people choose, and those go through hashPassword(…, USER_CHOSEN_SCHEME) (BLF-CRYPT) instead.
 * Every hash keeps its {SCHEME} prefix, so Dovecot verifies it and a later change of scheme is per row.
 */
import {
  hashPassword, BULK_PROVISIONING_SCHEME, BULK_PROVISIONING_ROUNDS, type PasswordScheme,
} from '../crypto/index.js';
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
