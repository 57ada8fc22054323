/**
 * Dovecot-compatible password hashes, always stored with the `{SCHEME}` prefix so Dovecot's SQL passdb
 * reads them as they are and rows can move to a new scheme one login at a time.
 *
 * Scheme choice: a machine-generated initial password has ~93 bits of entropy, so slow key stretching
 * adds nothing against guessing it; bulk provisioning uses {PBKDF2} at 1000 rounds (SHA512-CRYPT's cost alone
 * breaks the 10,000-accounts-in-20-s goal: provisioning/initial-hashes.ts; figures in scripts/bench/README.md).
 * Passwords people choose are guessable and get BLF-CRYPT cost 10.
 * ARGON2ID is left out: it needs a native or WASM package that is not among our dependencies.
 */
import { pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { assertAsciiPassword } from './initial-password.js';
import { generateCryptSalt, sha512Crypt, sha512CryptHash, SHA512_CRYPT_DEFAULT_ROUNDS } from './sha512-crypt.js';

export {
  assertAsciiPassword,
  generateInitialPassword,
  initialPasswordEntropyBits,
  PasswordPolicyError,
} from './initial-password.js';

export type PasswordScheme = 'SHA512-CRYPT' | 'BLF-CRYPT' | 'PBKDF2';
export const PASSWORD_SCHEMES: readonly PasswordScheme[] = ['SHA512-CRYPT', 'BLF-CRYPT', 'PBKDF2'];

/** For generated initial passwords: fast, because ~93 bits of entropy need no stretching (provisioning/initial-hashes.ts). */
export const BULK_PROVISIONING_SCHEME: PasswordScheme = 'PBKDF2';
export const BULK_PROVISIONING_ROUNDS = 1000;
/** For passwords a person chooses. */
export const USER_CHOSEN_SCHEME: PasswordScheme = 'BLF-CRYPT';
export const BLF_CRYPT_DEFAULT_COST = 10;
/** Dovecot's own default for {PBKDF2} (PBKDF2-HMAC-SHA1, 20-byte key). */
export const PBKDF2_DEFAULT_ROUNDS = 5000;
const PBKDF2_KEY_BYTES = 20;

export interface HashOptions {
  /** SHA512-CRYPT and PBKDF2: iteration count (default 5000). BLF-CRYPT: log2 cost (default 10). */
  rounds?: number;
}

const PREFIX = /^\{([A-Z0-9-]+)\}/;
const DOVECOT_PBKDF2 = /^\$1\$([^$]+)\$(\d+)\$([0-9a-f]{40})$/;

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

function pbkdf2Hex(plain: string, salt: string, rounds: number): string {
  return pbkdf2Sync(plain, salt, rounds, PBKDF2_KEY_BYTES, 'sha1').toString('hex');
}

/** `{SCHEME}hash`. Refuses non-ASCII passwords, and BLF-CRYPT input bcrypt would silently cut at 72 bytes. */
export async function hashPassword(
  plain: string,
  scheme: PasswordScheme,
  options: HashOptions = {},
): Promise<string> {
  assertAsciiPassword(plain);
  switch (scheme) {
    case 'SHA512-CRYPT':
      return `{SHA512-CRYPT}${sha512CryptHash(plain, options.rounds ?? SHA512_CRYPT_DEFAULT_ROUNDS)}`;
    case 'BLF-CRYPT':
      if (bcrypt.truncates(plain)) throw new Error('BLF-CRYPT passwords are limited to 72 bytes');
      return `{BLF-CRYPT}${await bcrypt.hash(plain, options.rounds ?? BLF_CRYPT_DEFAULT_COST)}`;
    case 'PBKDF2': {
      const rounds = options.rounds ?? PBKDF2_DEFAULT_ROUNDS;
      const salt = generateCryptSalt();
      return `{PBKDF2}$1$${salt}$${rounds}$${pbkdf2Hex(plain, salt, rounds)}`;
    }
    default:
      throw new Error(`Unsupported password scheme ${String(scheme)}; use one of ${PASSWORD_SCHEMES.join(', ')}`);
  }
}

/** The `{SCHEME}` of a stored hash, or null when it has none. */
export function passwordScheme(stored: string): string | null {
  return PREFIX.exec(stored)?.[1] ?? null;
}

function verifyCrypt(plain: string, hash: string): Promise<boolean> | boolean {
  if (hash.startsWith('$6$')) return sameString(sha512Crypt(plain, hash), hash);
  if (/^\$2[aby]\$/.test(hash)) return bcrypt.compare(plain, hash);
  throw new Error('Unsupported crypt hash: only $6$ (SHA512-CRYPT) and $2a/b/y$ (BLF-CRYPT) are supported');
}

/**
 * Checks a password against a stored `{SCHEME}…` hash (SHA512-CRYPT, BLF-CRYPT, PBKDF2, and CRYPT holding
 * `$6$` or `$2?$`). A wrong password gives false; a hash we cannot read throws, since that is a data
 * problem to surface, not a failed login.
 */
export async function verifyPassword(plain: string, stored: string): Promise<boolean> {
  const scheme = passwordScheme(stored);
  const hash = scheme === null ? stored : stored.slice(scheme.length + 2);
  switch (scheme) {
    case 'SHA512-CRYPT':
    case 'BLF-CRYPT':
    case 'CRYPT':
      return verifyCrypt(plain, hash);
    case 'PBKDF2': {
      const m = DOVECOT_PBKDF2.exec(hash);
      if (!m) throw new Error('Malformed {PBKDF2} hash; expected $1$<salt>$<rounds>$<40 hex digits>');
      return sameString(pbkdf2Hex(plain, m[1]!, Number(m[2])), m[3]!);
    }
    default:
      throw new Error(`Unsupported stored password scheme ${scheme === null ? '(no {SCHEME} prefix)' : scheme}`);
  }
}

/** True when a stored hash is not in `scheme` with these parameters: rehash after a successful login. */
export function needsRehash(stored: string, scheme: PasswordScheme, options: HashOptions = {}): boolean {
  if (passwordScheme(stored) !== scheme) return true;
  const hash = stored.slice(scheme.length + 2);
  switch (scheme) {
    case 'SHA512-CRYPT': {
      const rounds = /^\$6\$rounds=(\d+)\$/.exec(hash)?.[1];
      return Number(rounds ?? SHA512_CRYPT_DEFAULT_ROUNDS) !== (options.rounds ?? SHA512_CRYPT_DEFAULT_ROUNDS);
    }
    case 'BLF-CRYPT':
      return bcrypt.getRounds(hash) !== (options.rounds ?? BLF_CRYPT_DEFAULT_COST);
    case 'PBKDF2':
      return Number(DOVECOT_PBKDF2.exec(hash)?.[2]) !== (options.rounds ?? PBKDF2_DEFAULT_ROUNDS);
  }
}
