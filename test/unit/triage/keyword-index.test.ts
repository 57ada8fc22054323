import { expect } from 'chai';
import { keyWords, keywordsIn, keywordVocabulary } from '../../../server/services/triage/keyword-index.js';
import { containsKeyword, textKey } from '../../../server/services/triage/text-keys.js';

// A small deterministic generator (mulberry32), so a failure names a reproducible case.
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['đất', 'đai', 'dat', 'dai', 'cháy', 'chạy', 'an', 'bán', 'nhà', 'ở', 'Hòa', 'hoà', 'Bình', 'ô', 'nhiễm', '2026', 'x1'];
const GAPS = [' ', '  ', '-', '_', ' - ', '—', ', ', '.', '\n', '\t', '/', '', '(', ')', '\u2011'];

const has = (key: string, keyword: string) => keywordsIn(key, keywordVocabulary([keyword])).has(keyword);

describe('keyword vocabulary (the triage fast path)', () => {
  it('answers exactly as containsKeyword on 3,000 generated texts and keywords', () => {
    const next = random(20261201);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    let matches = 0;
    for (let n = 0; n < 3_000; n++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 12) }, () => pick(SYLLABLES) + pick(GAPS)).join('');
      const keyword = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(SYLLABLES)).join(pick([' ', '-', '  ']));
      const key = textKey(text);
      const expected = containsKeyword(key, keyword);
      expect(has(key, keyword), `${JSON.stringify(text)} ∋ ${JSON.stringify(keyword)}`).to.equal(expected);
      if (expected) matches++;
    }
    // Both answers occur often enough for the comparison to mean something.
    expect(matches).to.be.within(300, 2_700);
  });

  it('finds, in one scan, exactly the keywords of a whole vocabulary that containsKeyword finds', () => {
    const next = random(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    // Shared first syllables ("đất", "đất đai", "đất đai ốc"), duplicates after folding ("đất đai", "dat dai").
    const vocabulary = [...new Set(Array.from({ length: 60 }, () =>
      Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(SYLLABLES)).join(pick([' ', '-']))))];
    const compiled = keywordVocabulary(vocabulary);
    let found = 0;
    for (let n = 0; n < 1_000; n++) {
      const key = textKey(Array.from({ length: 1 + Math.floor(next() * 20) }, () => pick(SYLLABLES) + pick(GAPS)).join(''));
      const expected = vocabulary.filter((kw) => containsKeyword(key, kw)).sort();
      expect([...keywordsIn(key, compiled)].sort(), JSON.stringify(key)).to.deep.equal(expected);
      // Words read ahead on the prepare thread arrive through postMessage (structured clone).
      expect([...keywordsIn(key, compiled, structuredClone(keyWords(key)))].sort(), JSON.stringify(key)).to.deep.equal(expected);
      found += expected.length;
    }
    expect(found).to.be.greaterThan(1_000);
  });

  it('matches a phrase across hyphens and underscores but not across a comma', () => {
    const key = textKey('Phản ánh Đất-Đai và nhà_đất, đai ốc');
    expect([...keywordsIn(key, keywordVocabulary(['đất đai', 'nhà đất', 'đất đai ốc']))].sort()).to.deep.equal(['nhà đất', 'đất đai']);
  });

  it('reads no-break spaces as joiners and astral letters as letters, as containsKeyword does', () => {
    const vocabulary = keywordVocabulary(['đất đai', 'dai']);
    for (const key of ['dat\u00a0dai', 'dat\u3000dai', '\u{1d400}dat dai', 'dat dai\u{1d400}', 'dat\u{1d400} dai', '\u{1d7d8}dai', 'dai\u{10400}']) {
      const expected = ['đất đai', 'dai'].filter((kw) => containsKeyword(key, kw)).sort();
      expect([...keywordsIn(key, vocabulary)].sort(), JSON.stringify(key)).to.deep.equal(expected);
    }
  });

  it('never matches a keyword with no letter or digit', () => {
    expect(has('a - b', ' - ')).to.equal(false);
  });
});
