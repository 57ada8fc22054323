/**
 * Keyword matching on a word index of a `textKey` result: the same answers as `containsKeyword`, without a
 * regular-expression scan of the whole body per keyword. Triage tests every keyword of every rule against
 * each mail, and those scans were most of the ingestion's time per mail.
 *
 * Why it is the same: `textKey` removes every combining mark, so a key's words are exactly its maximal runs of
 * letters and digits. containsKeyword's pattern (not preceded or followed by a letter or digit, syllables
 * joined by spaces, hyphens or underscores only) matches exactly when consecutive words equal the keyword's
 * syllables and the text between each pair is only such joiners. test/unit/triage/keyword-index.test.ts
 * compares both on generated text.
 */
import { keywordTokens } from './text-keys.js';

const WORD = /[\p{L}\p{N}]+/gu;
const JOINER_ONLY = /^[\s\-\u2010-\u2014_]+$/u;

export interface KeyIndex {
  key: string;
  words: string[];
  /** where each word starts and ends in `key`, to check on demand what separates two words */
  starts: number[];
  ends: number[];
  positions: Map<string, number[]>;
}

export function indexKey(key: string): KeyIndex {
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const positions = new Map<string, number[]>();
  for (const m of key.matchAll(WORD)) {
    const word = m[0];
    const at = positions.get(word);
    if (at) at.push(words.length);
    else positions.set(word, [words.length]);
    words.push(word);
    starts.push(m.index);
    ends.push(m.index + word.length);
  }
  return { key, words, starts, ends, positions };
}

/** Only joiners between words i and i+1, so a phrase may continue across them. */
function joined(index: KeyIndex, i: number): boolean {
  return JOINER_ONLY.test(index.key.slice(index.ends[i], index.starts[i + 1]));
}

const tokenCache = new Map<string, string[]>();
const TOKEN_CACHE_MAX = 5_000;

function tokensOf(keyword: string): string[] {
  let tokens = tokenCache.get(keyword);
  if (!tokens) {
    if (tokenCache.size >= TOKEN_CACHE_MAX) tokenCache.clear();
    tokenCache.set(keyword, (tokens = keywordTokens(keyword)));
  }
  return tokens;
}

/** containsKeyword(key, keyword) for the key `index` was built from. */
export function indexHasKeyword(index: KeyIndex, keyword: string): boolean {
  const tokens = tokensOf(keyword);
  if (!tokens.length) return false;
  const starts = index.positions.get(tokens[0]!) ?? [];
  return starts.some((start) => {
    if (start + tokens.length > index.words.length) return false;
    for (let j = 1; j < tokens.length; j++) {
      if (index.words[start + j] !== tokens[j] || !joined(index, start + j - 1)) return false;
    }
    return true;
  });
}
