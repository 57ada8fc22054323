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
  words: string[];
  /** joins[i]: the text between words i and i+1 is only joiners, so a phrase may continue across it */
  joins: boolean[];
  positions: Map<string, number[]>;
}

export function indexKey(key: string): KeyIndex {
  const words: string[] = [];
  const joins: boolean[] = [];
  const positions = new Map<string, number[]>();
  let end = -1;
  for (const m of key.matchAll(WORD)) {
    if (words.length) joins.push(JOINER_ONLY.test(key.slice(end, m.index)));
    const word = m[0];
    const at = positions.get(word);
    if (at) at.push(words.length);
    else positions.set(word, [words.length]);
    words.push(word);
    end = m.index + word.length;
  }
  return { words, joins, positions };
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
      if (!index.joins[start + j - 1] || index.words[start + j] !== tokens[j]) return false;
    }
    return true;
  });
}
