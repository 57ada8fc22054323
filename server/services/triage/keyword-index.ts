/**
 * Keyword matching for a whole rule set in one scan of a `textKey` result: the same answers as
 * `containsKeyword` for each keyword, without a regular-expression scan of the body per keyword, and without
 * a string per word of the mail. Triage tests the ~170 keywords of the seed rules against each mail, and
 * those scans, then a map of every word, were most of the ingestion's time per mail. The scan (`keyWords`)
 * keeps each word's hash and place only, so the ingestion runs it on the prepare thread; matching
 * (`keywordsIn`) then looks the hashes up.
 *
 * Why it is the same: `textKey` removes every combining mark, so a key's words are exactly its maximal runs of
 * letters and digits. containsKeyword's pattern (not preceded or followed by a letter or digit, syllables
 * joined by spaces, hyphens or underscores only) matches exactly when consecutive words equal the keyword's
 * syllables and the text between each pair is only such joiners. test/unit/triage/keyword-index.test.ts
 * compares both on generated text.
 */
import { keywordTokens } from './text-keys.js';

const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const JOINER = /^[\s\-\u2010-\u2014_]$/u;

interface Phrase { keyword: string; tokens: string[] }

/** Keywords by their first syllable, and those syllables by a hash of their characters. */
export interface KeywordVocabulary {
  size: number;
  byHash: ReadonlyMap<number, readonly { first: string; phrases: Phrase[] }[]>;
}

// The scan hashes each word as it reads it, so a word that starts no keyword (nearly all) costs no string.
const step = (hash: number, code: number) => (Math.imul(hash, 31) + code) | 0;
const hashOf = (text: string) => [...text].reduce((h, ch) => step(h, ch.codePointAt(0)!), 0);

// Character classes by code point, computed once each: folded text is nearly all ASCII.
const wordChars = new Map<number, boolean>();
const joiners = new Map<number, boolean>();
function classOf(memo: Map<number, boolean>, pattern: RegExp, code: number): boolean {
  let yes = memo.get(code);
  if (yes === undefined) memo.set(code, (yes = pattern.test(String.fromCodePoint(code))));
  return yes;
}
const isWordChar = (code: number) => (code < 0x80
  ? (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a)
  : classOf(wordChars, WORD_CHAR, code));
const isJoiner = (code: number) => (code < 0x80
  ? code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0x2d || code === 0x5f
  : classOf(joiners, JOINER, code));

// Rule lists are re-read per mail on the one-message path; their keywords are few and rarely change.
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

export function keywordVocabulary(keywords: Iterable<string>): KeywordVocabulary {
  const byHash = new Map<number, { first: string; phrases: Phrase[] }[]>();
  let size = 0;
  for (const keyword of new Set(keywords)) {
    const tokens = tokensOf(keyword);
    if (!tokens.length) continue; // no letter or digit: containsKeyword never matches it
    const hash = hashOf(tokens[0]!);
    const entries = byHash.get(hash) ?? [];
    if (!entries.length) byHash.set(hash, entries);
    const entry = entries.find((e) => e.first === tokens[0]);
    if (entry) entry.phrases.push({ keyword, tokens });
    else entries.push({ first: tokens[0]!, phrases: [{ keyword, tokens }] });
    size++;
  }
  return { size, byHash };
}

/**
 * The words of `key` (a `textKey` result) as [hash, start, end] triples: all the character work of a scan, so
 * it can be done ahead, off the thread that matches (the ingestion's prepare thread).
 */
export function keyWords(key: string): Int32Array {
  const words = new Int32Array(3 * Math.ceil((key.length + 1) / 2)); // a word and the gap after it: ≥ 2 units
  let n = 0;
  for (let at = 0; at < key.length;) {
    const code = key.codePointAt(at)!;
    if (!isWordChar(code)) {
      at += code > 0xffff ? 2 : 1;
      continue;
    }
    const start = at;
    let hash = 0;
    for (let c = code; at < key.length && isWordChar((c = key.codePointAt(at)!)); at += c > 0xffff ? 2 : 1) hash = step(hash, c);
    words[n++] = hash;
    words[n++] = start;
    words[n++] = at;
  }
  return words.slice(0, n);
}

/** The vocabulary's keywords that occur in `key`, a `textKey` result; `words` is keyWords(key) if known. */
export function keywordsIn(key: string, vocabulary: KeywordVocabulary, words?: Int32Array): Set<string> {
  const found = new Set<string>();
  if (!vocabulary.size) return found;
  words ??= keyWords(key);
  for (let i = 0; i < words.length; i += 3) {
    const entries = vocabulary.byHash.get(words[i]!);
    if (!entries) continue;
    const start = words[i + 1]!;
    const end = words[i + 2]!;
    for (const entry of entries) {
      if (entry.first.length !== end - start || !key.startsWith(entry.first, start)) continue;
      for (const phrase of entry.phrases) if (!found.has(phrase.keyword) && continuesAt(key, end, phrase.tokens)) found.add(phrase.keyword);
    }
  }
  return found;
}

/** Whether tokens[1..] follow position `end` of `key`, word after word, with only joiners between. */
function continuesAt(key: string, end: number, tokens: readonly string[]): boolean {
  for (let j = 1; j < tokens.length; j++) {
    let at = end;
    while (at < key.length && isJoiner(key.codePointAt(at)!)) at++; // every joiner is one UTF-16 unit
    const token = tokens[j]!;
    if (at === end || !key.startsWith(token, at)) return false;
    end = at + token.length;
    if (end < key.length && isWordChar(key.codePointAt(end)!)) return false; // the token is only a prefix
  }
  return true;
}
