/**
 * SHA-512 crypt (`$6$`), Ulrich Drepper's "Unix crypt using SHA-256 and SHA-512" (2008), on node:crypto.
 * Dovecot's {SHA512-CRYPT} is glibc crypt() with this algorithm, so this must match glibc and
 * `openssl passwd -6` byte for byte; the spec's own test vectors are in the unit tests.
 * Own implementation because no maintained pure-JS package was in the approved dependency list.
 */
import { createHash, randomInt, type Hash } from 'node:crypto';

export const SHA512_CRYPT_DEFAULT_ROUNDS = 5000;
const ROUNDS_MIN = 1000;
const ROUNDS_MAX = 999_999_999;
const SALT_MAX_CHARS = 16;
const DIGEST_BYTES = 64;

/** crypt(3)'s base-64 alphabet, which is not RFC 4648's. Also the salt alphabet. */
const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const SETTING = /^\$6\$(?:rounds=(\d+)\$)?([^$]*)/;

const sha512 = (): Hash => createHash('sha512');

/** `length` bytes of `digest` repeated (spec steps 16 and 20: the P and S sequences). */
function repeatTo(digest: Buffer, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i += DIGEST_BYTES) digest.copy(out, i, 0, Math.min(DIGEST_BYTES, length - i));
  return out;
}

function encode(final: Buffer): string {
  let out = '';
  const put = (b2: number, b1: number, b0: number, chars: number): void => {
    let w = (b2 << 16) | (b1 << 8) | b0;
    for (let i = 0; i < chars; i++, w >>= 6) out += ITOA64[w & 0x3f];
  };
  // Byte order of spec step 22 for SHA-512: groups (k, k+21, k+42), rotated by k mod 3.
  for (let k = 0; k < 21; k++) {
    const a = final[k]!, b = final[k + 21]!, c = final[k + 42]!;
    if (k % 3 === 0) put(a, b, c, 4);
    else if (k % 3 === 1) put(b, c, a, 4);
    else put(c, a, b, 4);
  }
  put(0, 0, final[63]!, 2);
  return out;
}

function digest(password: Buffer, salt: Buffer, rounds: number): Buffer {
  const b = sha512().update(password).update(salt).update(password).digest();
  const a = sha512().update(password).update(salt);
  for (let n = password.length; n > 0; n -= DIGEST_BYTES) a.update(b.subarray(0, Math.min(n, DIGEST_BYTES)));
  for (let n = password.length; n > 0; n >>= 1) a.update(n & 1 ? b : password);
  let c = a.digest();

  const dp = sha512();
  for (let i = 0; i < password.length; i++) dp.update(password);
  const p = repeatTo(dp.digest(), password.length);

  const ds = sha512();
  for (let i = 0; i < 16 + c[0]!; i++) ds.update(salt);
  const s = repeatTo(ds.digest(), salt.length);

  for (let i = 0; i < rounds; i++) {
    const h = sha512();
    h.update(i & 1 ? p : c);
    if (i % 3) h.update(s);
    if (i % 7) h.update(p);
    h.update(i & 1 ? c : p);
    c = h.digest();
  }
  return c;
}

/**
 * crypt(password, setting) for `$6$[rounds=N$]salt[$…]` settings, as glibc does it: salt cut to 16 chars,
 * rounds clamped to 1000..999999999, and `rounds=` kept in the output only when the setting had it.
 */
export function sha512Crypt(password: string, setting: string): string {
  const m = SETTING.exec(setting);
  if (!m) throw new Error('SHA512-CRYPT setting must start with $6$');
  const custom = m[1] !== undefined;
  const rounds = custom ? Math.min(ROUNDS_MAX, Math.max(ROUNDS_MIN, Number(m[1]))) : SHA512_CRYPT_DEFAULT_ROUNDS;
  const salt = m[2]!.slice(0, SALT_MAX_CHARS);
  const hash = encode(digest(Buffer.from(password, 'utf8'), Buffer.from(salt, 'utf8'), rounds));
  return `$6$${custom ? `rounds=${rounds}$` : ''}${salt}$${hash}`;
}

/** A 16-character salt from the crypt alphabet (96 bits). */
export function generateCryptSalt(chars: number = SALT_MAX_CHARS): string {
  let salt = '';
  for (let i = 0; i < chars; i++) salt += ITOA64[randomInt(ITOA64.length)];
  return salt;
}

/** `$6$…` with a fresh salt; the default round count is written implicitly, as openssl and glibc do. */
export function sha512CryptHash(password: string, rounds: number = SHA512_CRYPT_DEFAULT_ROUNDS): string {
  const prefix = rounds === SHA512_CRYPT_DEFAULT_ROUNDS ? '$6$' : `$6$rounds=${rounds}$`;
  return sha512Crypt(password, prefix + generateCryptSalt());
}
