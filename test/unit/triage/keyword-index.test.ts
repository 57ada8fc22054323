import { expect } from 'chai';
import { indexHasKeyword, indexKey } from '../../../server/services/triage/keyword-index.js';
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

describe('keyword index (the triage fast path)', () => {
  it('answers exactly as containsKeyword on 3,000 generated texts and keywords', () => {
    const next = random(20261201);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    let matches = 0;
    for (let n = 0; n < 3_000; n++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 12) }, () => pick(SYLLABLES) + pick(GAPS)).join('');
      const keyword = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(SYLLABLES)).join(pick([' ', '-', '  ']));
      const key = textKey(text);
      const expected = containsKeyword(key, keyword);
      expect(indexHasKeyword(indexKey(key), keyword), `${JSON.stringify(text)} ∋ ${JSON.stringify(keyword)}`).to.equal(expected);
      if (expected) matches++;
    }
    // Both answers occur often enough for the comparison to mean something.
    expect(matches).to.be.within(300, 2_700);
  });

  it('matches a phrase across hyphens and underscores but not across a comma', () => {
    const index = indexKey(textKey('Phản ánh Đất-Đai và nhà_đất, đai ốc'));
    expect(indexHasKeyword(index, 'đất đai')).to.equal(true);
    expect(indexHasKeyword(index, 'nhà đất')).to.equal(true);
    expect(indexHasKeyword(index, 'đất đai ốc')).to.equal(false);
  });

  it('never matches a keyword with no letter or digit', () => {
    expect(indexHasKeyword(indexKey('a - b'), ' - ')).to.equal(false);
  });
});
