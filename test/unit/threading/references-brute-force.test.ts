// The sibling of issue 13 item 8 in the headers: every id in In-Reply-To/References that looks like one of our own
// Message-IDs is checked against its 32-bit tag, and the header has no length limit of its own, so one mail could
// carry as many guesses as its size allows, and as many ids into the database lookup. Only the first few own-looking
// ids are verified and only the nearest ids are looked up; a genuine reply names its parent first.
import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { ownTicketRefFromHeaders, referenceLookupIds } from '../../../server/services/ingestion/thread-decision.js';
import { makeOwnMessageId } from '../../../server/services/threading/index.js';
import type { TokenHmac } from '../../../server/services/threading/thread-tokens.js';

const SECRET = 'test-secret-0123456789';
const REF = 'STC-2026-000123';

function countingHmac(): { hmac: TokenHmac; calls: () => number } {
  let calls = 0;
  return { hmac: (secret, data) => { calls++; return createHmac('sha256', secret).update(data).digest('hex'); }, calls: () => calls };
}

const forged = (i: number) => `ticket.${REF}.n${i}.${i.toString(16).padStart(8, '0')}@hotline.stc.example.vn`;

describe('issue 13 item 8, headers: References brute force', () => {
  const genuine = makeOwnMessageId({ ticketRef: REF, nonce: 'k3x9', secret: SECRET, domain: 'hotline.stc.example.vn' }).slice(1, -1);

  it('verifies at most 3 own-looking ids of a References header holding 10,000 forged ones', () => {
    const references = [genuine, ...Array.from({ length: 10_000 }, (_, i) => forged(i))]; // oldest first: the genuine one is the farthest
    const counted = countingHmac();
    const found = ownTicketRefFromHeaders(null, references, SECRET, counted.hmac);
    expect(counted.calls()).to.be.at.most(3).and.at.least(1);
    expect(found).to.equal(null);
  });

  it('still finds our id in In-Reply-To or among the newest References, and skips ids that are not ours without a check', () => {
    const counted = countingHmac();
    const foreign = Array.from({ length: 500 }, (_, i) => `CAF${i}@mail.gmail.com`);
    expect(ownTicketRefFromHeaders(genuine, [...foreign, forged(1)], SECRET, counted.hmac)).to.equal(REF);
    expect(ownTicketRefFromHeaders(null, [forged(1), ...foreign, genuine, 'x@y'], SECRET, counted.hmac)).to.equal(REF);
    expect(counted.calls()).to.equal(2);
  });

  it('looks up In-Reply-To and the 20 newest References in the database, not the whole header', () => {
    const references = Array.from({ length: 10_000 }, (_, i) => `r${i}@example.org`);
    const ids = referenceLookupIds('parent@example.org', references);
    expect(ids.length).to.be.at.most(21);
    expect(ids.slice(0, 3)).to.deep.equal(['parent@example.org', 'r9999@example.org', 'r9998@example.org']);
  });
});
