/**
 * Machine-generated initial passwords and the ASCII-only password rule.
 *
 * Initial passwords are read aloud or copied from a printed credential sheet, so the alphabet leaves out
 * look-alikes (0 O o, 1 l I) and the password comes in dash-separated groups: `Kf7q-Xm2p-Rt9w-Hz4c`.
 */
import { randomInt } from 'node:crypto';

const LOWER = 'abcdefghijkmnpqrstuvwxyz'; // no l, o
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ'; // no I, O
const DIGITS = '23456789'; // no 0, 1
export const INITIAL_PASSWORD_ALPHABET = LOWER + UPPER + DIGITS;

export interface InitialPasswordShape {
  groups: number;
  groupLength: number;
}

export const INITIAL_PASSWORD_SHAPE: InitialPasswordShape = Object.freeze({ groups: 4, groupLength: 4 });

/**
 * Entropy in bits of a password of this shape, before the class check below, which costs about 0.13 bits.
 * Default: 16 symbols from 56 → 92.9 bits, far beyond reach of offline guessing against any hash here.
 */
export function initialPasswordEntropyBits(shape: InitialPasswordShape = INITIAL_PASSWORD_SHAPE): number {
  return shape.groups * shape.groupLength * Math.log2(INITIAL_PASSWORD_ALPHABET.length);
}

// Password-change forms and some agencies' policies demand all three classes; an initial password that
// fails the policy the user then meets on the change form would be confusing, so redraw until it passes.
const HAS_ALL_CLASSES = (s: string): boolean => /[a-z]/.test(s) && /[A-Z]/.test(s) && /[2-9]/.test(s);

const pickSymbol = (): string => INITIAL_PASSWORD_ALPHABET[randomInt(INITIAL_PASSWORD_ALPHABET.length)]!;

/** Uniform (crypto.randomInt, no modulo bias) over the alphabet, grouped with '-'. */
export function generateInitialPassword(shape: InitialPasswordShape = INITIAL_PASSWORD_SHAPE): string {
  if (shape.groups < 1 || shape.groupLength < 1) throw new Error('Password shape needs at least one symbol');
  for (;;) {
    const groups: string[] = [];
    for (let g = 0; g < shape.groups; g++) {
      let group = '';
      for (let i = 0; i < shape.groupLength; i++) group += pickSymbol();
      groups.push(group);
    }
    const password = groups.join('-');
    if (HAS_ALL_CLASSES(password) || shape.groups * shape.groupLength < 3) return password;
  }
}

/** `id` is stable (the web shows `hr.err.<id>` filled with `params`); `message` is the English for the CLI. */
export class PasswordPolicyError extends Error {
  readonly code = 'password.not_printable_ascii';
  override readonly name = 'PasswordPolicyError';
  constructor(
    message: string,
    readonly id: 'password.empty' | 'password.not_ascii' = 'password.not_ascii',
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/**
 * Passwords must be non-empty printable ASCII. Vietnamese letters are refused because the same word can
 * arrive as different bytes: a password hashed from NFC "Mật khẩu" does not verify when a phone or Mac
 * sends NFD (lab-verified, provisioning.md §4 #5), and Dovecot compares raw bytes.
 */
export function assertAsciiPassword(password: string): void {
  if (password === '') throw new PasswordPolicyError('Password is empty.', 'password.empty');
  if (PRINTABLE_ASCII.test(password)) return;
  const chars = [...password];
  const index = chars.findIndex((ch) => !PRINTABLE_ASCII.test(ch));
  const bad = chars[index]!;
  // Control characters and lone combining marks (NFD input) are invisible, so name them by code point.
  const codePoint = `U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const shown = /[\p{C}\p{M}]/u.test(bad) ? codePoint : `"${bad}"`;
  const where = index + 1;
  throw new PasswordPolicyError(
    `Password may only contain printable ASCII (A–Z, a–z, 0–9, space and punctuation); ${shown} at position ` +
      `${where} is not. Letters with Vietnamese marks are not allowed because phones and computers may encode ` +
      'them differently and the login would then fail.',
    'password.not_ascii',
    { char: shown, position: where },
  );
}
