// Folding Vietnamese text to ASCII letters (tone marks and vowel modifiers stripped, đ→d), shared by
// addresses from names, triage keywords, message search and list filters.

const COMBINING_MARK = /\p{M}/gu;

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
