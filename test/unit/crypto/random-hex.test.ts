// randomHex hands out pooled CSPRNG bytes: the right length, hex only, and never the same bytes twice,
// including across the refill at the pool's end.
import { expect } from 'chai';
import { randomHex } from '../../../server/services/crypto/random-hex.js';

describe('randomHex', () => {
  it('gives 2 × n lower-case hex characters', () => {
    for (const n of [1, 8, 16, 5000]) expect(randomHex(n)).to.match(new RegExp(`^[0-9a-f]{${2 * n}}$`));
  });

  it('never repeats a nonce over several pool refills', () => {
    const nonces = Array.from({ length: 3 * 4096 / 8 + 7 }, () => randomHex(8));
    expect(new Set(nonces).size).to.equal(nonces.length);
  });

  it('uses every byte value (no stuck or truncated pool)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 4096 && seen.size < 256; i++) for (const byte of randomHex(8).match(/../g)!) seen.add(byte);
    expect(seen.size).to.equal(256);
  });
});
