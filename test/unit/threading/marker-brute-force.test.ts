// Issue 13 item 8: a body marker carries an HMAC tag, and a mail may carry as many forged markers as it likes.
// Only the first few distinct markers are checked, so one mail buys a forger a handful of guesses, not 160,000;
// new markers carry a longer tag, and the 32-bit tags in mail already sent still thread.
import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { findBodyMarker, makeBodyMarker } from '../../../server/services/threading/index.js';
import type { TokenHmac } from '../../../server/services/threading/thread-tokens.js';

const SECRET = 'test-secret-0123456789';
const REF = 'STC-2026-000123';

/** The module's HMAC, counted. */
function countingHmac(): { hmac: TokenHmac; calls: () => number } {
  let calls = 0;
  return { hmac: (secret, data) => { calls++; return createHmac('sha256', secret).update(data).digest('hex'); }, calls: () => calls };
}

describe('issue 13 item 8: body-marker brute force', () => {
  it('checks at most the first few distinct markers of a body with 10,000 forged ones', () => {
    // 32-bit tags: the length every version of the code reads.
    const forged = Array.from({ length: 10_000 }, (_, i) => `[#GM:${REF}:${i.toString(16).padStart(8, '0')}]`).join('\n');
    const counted = countingHmac();
    const found = findBodyMarker(`${forged}\n${makeBodyMarker(REF, SECRET)}`, SECRET, counted.hmac);
    expect(counted.calls()).to.be.at.most(3).and.at.least(1);
    expect(found).to.equal(null); // the genuine marker after them is never reached: such a mail opens a ticket of its own
  });

  it('counts a marker repeated (text and HTML part) once, so the genuine one after it is still reached', () => {
    const genuine = makeBodyMarker(REF, SECRET);
    const oneForged = `[#GM:${REF}:${'0'.repeat(8)}]`;
    const body = `${oneForged}\n${oneForged}\n${oneForged}\n${oneForged}\n> ${genuine}\n<p>${oneForged}</p><p>${genuine}</p>`;
    const counted = countingHmac();
    expect(findBodyMarker(body, SECRET, counted.hmac)).to.equal(REF);
    expect(counted.calls()).to.equal(2);
  });

  it('gives new markers a tag longer than 32 bits', () => {
    const tag = /^\[#GM:STC-2026-000123:([0-9a-f]+)\]$/.exec(makeBodyMarker(REF, SECRET))?.[1];
    expect(tag?.length ?? 0).to.be.at.least(16);
  });

  it('still threads a marker with the old 32-bit tag, and refuses a forged one of either length', () => {
    const tag = /:([0-9a-f]+)\]$/.exec(makeBodyMarker(REF, SECRET))![1];
    const old = `[#GM:${REF}:${createHmac('sha256', SECRET).update(`marker\n${REF}`).digest('hex').slice(0, 8)}]`;
    expect(findBodyMarker(`Tôi gửi bổ sung.\n> ${old}`, SECRET)).to.equal(REF);
    expect(findBodyMarker(`[#GM:${REF}:${tag.slice(0, 12)}]`, SECRET)).to.equal(null);
    expect(findBodyMarker(`[#GM:${REF}:${'0'.repeat(8)}]`, SECRET)).to.equal(null);
    expect(findBodyMarker(`[#GM:${REF}:${'0'.repeat(tag.length)}]`, SECRET)).to.equal(null);
    expect(findBodyMarker(`[#GM:STC-2026-000124:${tag}]`, SECRET)).to.equal(null);
  });
});
