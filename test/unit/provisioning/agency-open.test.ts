// An agency's end is a Hà Nội day: "ends on 2026-07-01" stops at 00:00 of that day in UTC+7, shown as that day.
import { expect } from 'chai';
import { agencyOpenAt, assertAgencyOpen, endedOn, endOfAgencyAt } from '../../../server/services/provisioning/agency-open.js';
import { ProvisioningError } from '../../../server/services/provisioning/errors.js';

describe('agency end days', () => {
  const ends = { code: 'SNV', valid_to: endOfAgencyAt('2026-07-01') };

  it('ends at 00:00 Hà Nội time of the day, and shows that day', () => {
    expect(ends.valid_to.toISOString()).to.equal('2026-06-30T17:00:00.000Z');
    expect(endedOn(ends)).to.equal('2026-07-01');
    expect(endedOn({ valid_to: null })).to.equal(null);
  });

  it('is open until that instant and closed from it; an agency with no end is always open', () => {
    expect(agencyOpenAt(ends, new Date('2026-06-30T16:59:59Z'))).to.equal(true);
    expect(agencyOpenAt(ends, new Date('2026-06-30T17:00:00Z'))).to.equal(false);
    expect(agencyOpenAt({ valid_to: null }, new Date('2100-01-01'))).to.equal(true);
  });

  it('refuses with the agency, the day, the field and the i18n id', () => {
    try {
      assertAgencyOpen(ends, new Date('2026-08-01'), 'agency_code');
      expect.fail('not refused');
    } catch (e) {
      expect(e).to.be.instanceOf(ProvisioningError);
      expect(e).to.include({ id: 'agency.ended', field: 'agency_code', message: 'agency SNV ended on 2026-07-01' });
      expect((e as ProvisioningError).params).to.deep.equal({ agency: 'SNV', ended: '2026-07-01' });
    }
  });
});
