/**
 * Local part of a staff address from a Vietnamese name, by a per-province pattern.
 *
 * No official rule for personal addresses was found (research/vietnam.md §3.3); the common practice is
 * `<given><initials of family + middle>` (Nguyễn Văn An → annv), so that is the default and the pattern is
 * configuration. Output is lower-case ASCII from [a-z0-9.] only, never with a leading, trailing or doubled
 * dot (Postfix accepts them, many clients and webforms do not).
 */
import { stripToneMarks } from '../text/index.js';
import { splitName, type VietnameseName } from './vietnamese-name.js';

export const DEFAULT_ADDRESS_PATTERN = '{given}{initials}';

/** RFC 5321 §4.5.3.1.1 limit on a local part. */
export const LOCAL_PART_MAX_CHARS = 64;

type Token = 'given' | 'family' | 'middle' | 'initials';

/** What each token expands to, for Nguyễn Văn Thành An: given=an, family=nguyen, middle=vanthanh, initials=nvt. */
export const ADDRESS_PATTERN_TOKENS: readonly string[] = ['{given}', '{family}', '{middle}', '{initials}'];

const TOKEN_NAMES: ReadonlySet<string> = new Set<Token>(['given', 'family', 'middle', 'initials']);
const PIECE = /\{([^{}]*)\}|([^{}]+)/gy;
const LITERAL_ALLOWED = /^[a-z0-9.]+$/;

type Piece = { token: Token } | { literal: string };

export type LocalPartBuilder = (name: string | VietnameseName) => string;

function patternError(pattern: string, why: string): Error {
  return new Error(
    `Invalid address pattern "${pattern}": ${why}. Accepted tokens: ${ADDRESS_PATTERN_TOKENS.join(', ')}; ` +
      'literal text may use a-z, 0-9 and "."; the pattern must contain {given}.',
  );
}

function parsePattern(pattern: string): Piece[] {
  const pieces: Piece[] = [];
  PIECE.lastIndex = 0;
  let pos = 0;
  let match: RegExpExecArray | null;
  while ((match = PIECE.exec(pattern)) !== null) {
    pos = PIECE.lastIndex;
    const [, token, literal] = match;
    if (token !== undefined) {
      if (!TOKEN_NAMES.has(token)) throw patternError(pattern, `unknown token {${token}}`);
      pieces.push({ token: token as Token });
    } else if (!LITERAL_ALLOWED.test(literal!)) {
      throw patternError(pattern, `literal "${literal}" has characters outside a-z, 0-9 and "."`);
    } else {
      pieces.push({ literal: literal! });
    }
  }
  if (pos !== pattern.length) throw patternError(pattern, `unbalanced brace at position ${pos}`);
  // Without the given name every member of one family would share a base and live on suffix numbers.
  if (!pieces.some((p) => 'token' in p && p.token === 'given')) throw patternError(pattern, 'no {given}');
  return pieces;
}

/** Lower-case ASCII fold of one name part; anything outside [a-z0-9] (hyphens, apostrophes) is dropped. */
function fold(part: string): string {
  return stripToneMarks(part).toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Keeps [a-z0-9.], collapses dot runs, trims dots, and cuts to the RFC length. */
export function sanitizeLocalPart(raw: string): string {
  const cleaned = raw
    .toLowerCase()
    .replace(/[^a-z0-9.]/g, '')
    .replace(/\.{2,}/g, '.')
    .replace(/^\.+|\.+$/g, '');
  return cleaned.slice(0, LOCAL_PART_MAX_CHARS).replace(/\.+$/, '');
}

/**
 * Validates the pattern once (throws an Error listing the accepted tokens) and returns a builder.
 * The builder throws when the name has no Latin letters left after folding, so the import can report
 * that row instead of creating an address like "@stc.gov.vn".
 */
export function compileAddressPattern(pattern: string = DEFAULT_ADDRESS_PATTERN): LocalPartBuilder {
  const pieces = parsePattern(pattern);
  return (input) => {
    const name = typeof input === 'string' ? splitName(input) : input;
    const family = fold(name.family);
    const middles = name.middles.map(fold).filter((m) => m !== '');
    const values: Record<Token, string> = {
      given: fold(name.given),
      family,
      middle: middles.join(''),
      initials: [family, ...middles].map((p) => p.charAt(0)).join(''),
    };
    if (values.given === '') throw new Error(`Cannot derive an address from the name "${name.full}"`);
    const raw = pieces.map((p) => ('token' in p ? values[p.token] : p.literal)).join('');
    return sanitizeLocalPart(raw);
  };
}

/** One-off convenience; compile once with compileAddressPattern for a whole roster. */
export function localPartFromName(fullName: string, pattern: string = DEFAULT_ADDRESS_PATTERN): string {
  return compileAddressPattern(pattern)(fullName);
}
