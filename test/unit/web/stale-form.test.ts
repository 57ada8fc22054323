import { expect } from 'chai';
import { confirmsStale, seenOf } from '../../../server/web/forms/stale-form.js';

// Every form that can be refused as drawn from an older version (the ticket page's, the merge page's, the queue's
// bulk form) is confirmed the same way: confirm_stale=1.
describe('web/forms/stale-form: what a posted form knew', () => {
  it('confirms acting on a changed ticket only on confirm_stale=1', () => {
    expect(confirmsStale({ confirm_stale: '1' })).to.equal(true);
    for (const body of [{}, { confirm_stale: '0' }, { confirm_stale: ['1'] }, { confirm_stale: 1 }, null, undefined]) {
      expect(confirmsStale(body), JSON.stringify(body)).to.equal(false);
    }
  });

  it('reads a ticket form\'s version as a number, and anything else as none', () => {
    expect(seenOf({ version: '42', confirm_stale: '1' })).to.deep.equal({ version: 42, confirmed: true });
    expect(seenOf({ version: '' })).to.deep.equal({ version: null, confirmed: false });
    expect(seenOf({ version: '4x' }).version).to.equal(null);
    expect(seenOf({ version: '1234567890123' }).version).to.equal(null);
    expect(seenOf(undefined)).to.deep.equal({ version: null, confirmed: false });
  });
});
