import { expect } from 'chai';
import { bulkMarkVersion, sealBulkMark } from '../../../server/services/tickets/bulk.js';
import { sealSecret } from '../../../server/services/crypto/index.js';
import { env } from '../../../server/config/env.js';

// The queue's bulk form carries the province's highest event id sealed, so an officer cannot watch other agencies'
// activity in it; the bulk action reads it back to refuse tickets changed since.
describe('tickets/bulk: the bulk form\'s sealed mark', () => {
  it('reads back the event id it sealed', () => {
    expect(bulkMarkVersion(sealBulkMark(42))).to.equal(42);
    expect(bulkMarkVersion(sealBulkMark(0))).to.equal(0);
  });

  it('tells nothing of the id: never in clear, new each time, and as long for a small id as for a large one', () => {
    const small = sealBulkMark(7);
    expect(small).not.to.contain('7'.padStart(15, '0')).and.not.to.match(/^\d+$/);
    expect(sealBulkMark(7)).not.to.equal(small);
    expect(sealBulkMark(123_456_789_012).length).to.equal(small.length);
  });

  it('reads an altered mark, a bare id or another box as no mark (no check, as a form without one)', () => {
    const [v, iv, tag, body] = sealBulkMark(42).split('.');
    expect(bulkMarkVersion([v, iv, tag, (body![0] === 'A' ? 'B' : 'A') + body!.slice(1)].join('.'))).to.equal(null);
    expect(bulkMarkVersion('42')).to.equal(null);
    expect(bulkMarkVersion(sealSecret('000000000000042', env().SECRET_KEY))).to.equal(null);
    expect(bulkMarkVersion('')).to.equal(null);
    expect(bulkMarkVersion(undefined)).to.equal(null);
  });
});
