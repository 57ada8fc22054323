/**
 * Vietnamese personal names: normalisation, ASCII folding and family / middle / given split.
 *
 * Vietnamese order is family (họ) – middle names (tên đệm) – given name (tên); people are sorted and greeted
 * by the given name, which is always the last syllable. Compound family names ("Âu Dương") need no special
 * case: the default address pattern uses initials of everything before the given name either way.
 */

export interface VietnameseName {
  /** The whole name, NFC, single-spaced, original case (for display and credential sheets). */
  full: string;
  /** First syllable; empty for a one-syllable name, which is treated as a given name only. */
  family: string;
  /** Everything between family and given name, in order (often "Văn" or "Thị"); may be empty. */
  middles: string[];
  /** Last syllable. */
  given: string;
}

// \s covers NBSP and tabs, which Excel rosters carry more often than one would hope.
const WHITESPACE_RUN = /\s+/gu;
const COMBINING_MARK = /\p{M}/gu;

/**
 * NFC, trimmed, whitespace runs collapsed to one space. NFD input (macOS, some phone keyboards) comes out
 * identical to NFC input, so `'Hòa'` typed either way compares equal afterwards.
 */
export function normalizeName(raw: string): string {
  return raw.normalize('NFC').replace(WHITESPACE_RUN, ' ').trim();
}

/**
 * Removes tone marks and vowel modifiers (ă â ê ô ơ ư → a a e o o u) and maps đ→d, Đ→D.
 * đ/Đ need the explicit map: they are letters with a stroke, not a base letter plus a combining mark,
 * so NFD leaves them intact ('Đặng' would otherwise fold to 'Đang').
 * Case is kept; the result is NFC.
 */
export function stripToneMarks(text: string): string {
  return foldByCharacter(text) ?? foldWhole(text);
}

function foldWhole(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARK, '')
    .replace(/đ/gu, 'd')
    .replace(/Đ/gu, 'D')
    .normalize('NFC');
}

// Every Latin letter with diacritics whose fold is plain ASCII (all of Vietnamese: Latin-1, Extended-A/B and
// Extended Additional), with that fold. A text made only of ASCII and these folds character by character to
// the same result as foldWhole, since no piece is left to compose with its neighbours; that skips three
// whole-text passes, a third of the cost of folding each hotline mail for triage and search. Built on first
// use, not at start-up: most processes that import this module never fold.
let asciiFolds: Map<number, string> | null = null;

function asciiFoldTable(): Map<number, string> {
  if (asciiFolds) return asciiFolds;
  asciiFolds = new Map();
  for (const [from, to] of [[0x00c0, 0x024f], [0x1e00, 0x1eff]]) {
    for (let code = from; code <= to; code++) {
      const folded = foldWhole(String.fromCharCode(code));
      if (/^[A-Za-z]+$/.test(folded)) asciiFolds.set(code, folded);
    }
  }
  return asciiFolds;
}

/** The fold of a text of ASCII and asciiFoldTable() letters only; null when any other character occurs. */
function foldByCharacter(text: string): string | null {
  const table = asciiFoldTable();
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    const folded = table.get(code);
    if (folded === undefined) return null;
    out += text.slice(copied, i) + folded;
    copied = i + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Splits a full name, family first and given name last. Throws on a blank name. */
export function splitName(raw: string): VietnameseName {
  const full = normalizeName(raw);
  if (full === '') throw new Error('Name is empty');
  const parts = full.split(' ');
  const given = parts[parts.length - 1]!;
  if (parts.length === 1) return { full, family: '', middles: [], given };
  return { full, family: parts[0]!, middles: parts.slice(1, -1), given };
}
