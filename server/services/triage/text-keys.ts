/**
 * Search keys for Vietnamese text, and keyword matching on them.
 *
 * Citizens write the same word many ways: NFC or NFD (macOS, some phones), upper case, with or without
 * tone marks, and with the tone in the old (hòa, thủy) or new (hoà, thuỷ) place (research/vietnam.md §4.3).
 * `textKey` folds all of these, and VNI typing remnants ("Ti6n" for "Tiên"), to one ASCII-like form, so a
 * keyword matches every spelling.
 * `toneKey` keeps the marks but puts each tone in one canonical place, for exact-diacritic comparison.
 */
import { stripToneMarks } from '../text/index.js';

const WHITESPACE_RUN = /\s+/gu;
const WORD_RUN = /[\p{L}\p{M}\p{N}]+/gu;
// Between the syllables of a multi-word keyword: spaces, hyphens and underscores only. Punctuation such as
// ',' or '.' ends a clause, so "nhà đất, đai ốc" must not match "đất đai".
const PHRASE_GAP = '[\\s\\-\\u2010-\\u2014_]+';
const WORD_CHAR = '[\\p{L}\\p{N}]';

// VNI typed with the input method off leaves each mark as a digit after its letter ("D9u7o72ng" for "Đường",
// "gu73i" for "gửi"). Vietnamese words hold no digits, so digits right after a letter are dropped: the cost is
// that codes such as "QL6" fold to "ql" (a keyword "QL6" folds the same way, so it still matches).
const VNI_MARKS = /(?<=\p{L})[1-9]+(?![0-9])/gu;

/** NFC, lower case, tone marks and vowel modifiers removed (đ→d), VNI mark digits dropped, whitespace collapsed, trimmed. */
export function textKey(text: string): string {
  return stripToneMarks(text).toLowerCase().replace(VNI_MARKS, '').replace(WHITESPACE_RUN, ' ').trim();
}

/** The syllables (letter/digit runs) of a keyword's key; empty when it has no letter or digit. */
export function keywordTokens(keyword: string): string[] {
  return textKey(keyword).match(WORD_RUN) ?? [];
}

/**
 * Whether `keyword` occurs in `key` (a `textKey` result) as whole words. Case, tone marks, NFC/NFD and
 * tone placement are ignored: the keyword is folded the same way. "an" does not match "bán" (→ "ban").
 * A multi-word keyword is a phrase: its syllables in order, separated by spaces, hyphens or underscores,
 * so "đất đai" matches "Đất-Đai" and "dat  dai" but not "đất ở, đai" nor "đai đất".
 * Folding is lossy ("cháy" also matches "chạy"); prefer multi-syllable keywords for short words.
 */
export function containsKeyword(key: string, keyword: string): boolean {
  return keywordPattern(keyword)?.test(key) ?? false;
}

// Compiling the patterns for each mail cost more than the rest of triage (scripts/bench/README.md); keywords
// come from a few dozen admin rules, so the cache stays small (and is dropped whole if it ever is not).
const KEYWORD_CACHE_MAX = 5_000;
const keywordPatterns = new Map<string, RegExp | null>();

function keywordPattern(keyword: string): RegExp | null {
  let pattern = keywordPatterns.get(keyword);
  if (pattern !== undefined) return pattern;
  const tokens = keywordTokens(keyword);
  pattern = tokens.length ? new RegExp(`(?<!${WORD_CHAR})${tokens.map(escapeRegExp).join(PHRASE_GAP)}(?!${WORD_CHAR})`, 'u') : null;
  if (keywordPatterns.size >= KEYWORD_CACHE_MAX) keywordPatterns.clear();
  keywordPatterns.set(keyword, pattern);
  return pattern;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// The five Vietnamese tones as combining marks: grave, acute, tilde, hook above, dot below.
const TONE_MARK = /[\u0300\u0301\u0303\u0309\u0323]/gu;
const VOWELS = new Set([...'aăâeêioôơuưy']);
const MODIFIED_VOWELS = new Set([...'ăâêôơư']);

/**
 * NFC, lower case, whitespace collapsed, and each syllable's tone mark moved to one canonical place
 * (the old style the research recommends): hoà→hòa, thuỷ→thủy, khoẻ→khỏe, qúy→quý, gìa→già, hòang→hoàng.
 * Words that are not one Vietnamese syllable with one tone (café, English) are left as they are.
 */
export function toneKey(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(WHITESPACE_RUN, ' ')
    .trim()
    .replace(WORD_RUN, canonicalSyllable);
}

function canonicalSyllable(word: string): string {
  const tones = word.normalize('NFD').match(TONE_MARK);
  if (tones === null || tones.length !== 1) return word;
  const base = word.normalize('NFD').replace(TONE_MARK, '').normalize('NFC');
  const at = tonePosition(base);
  if (at < 0) return word;
  return (base.slice(0, at + 1) + tones[0] + base.slice(at + 1)).normalize('NFC');
}

/** Index in an untoned NFC syllable of the vowel that carries the tone (old style), or -1. */
function tonePosition(base: string): number {
  const chars = [...base];
  if (chars.length !== base.length) return -1; // astral characters: not Vietnamese
  // The u of "qu" and the i of "gi" before another vowel belong to the consonant: quý, già, giường.
  let from = 0;
  if ((base.startsWith('qu') || base.startsWith('gi')) && VOWELS.has(chars[2] ?? '')) from = 2;
  let start = -1;
  let end = -1;
  for (let i = from; i < chars.length; i++) {
    if (!VOWELS.has(chars[i]!)) continue;
    if (start < 0) start = i;
    else if (end !== i - 1) return -1; // two vowel groups: more than one syllable
    end = i;
  }
  if (start < 0) return -1;
  let modified = -1;
  for (let i = start; i <= end; i++) if (MODIFIED_VOWELS.has(chars[i]!)) modified = i;
  if (modified >= 0) return modified; // người, tiếng, cửa: the marked vowel, the last one in ươ
  const size = end - start + 1;
  if (size === 1) return start;
  if (end < chars.length - 1) return end; // closed syllable: hoàng, toán, huỳnh
  if (size === 2) return start; // open oa/oe/uy: old style hòa, khỏe, thủy (same place as mía, tái, múa)
  return start + 1; // three vowels: ngoài, khuỷu, xoáy
}
