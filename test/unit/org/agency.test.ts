import { expect } from 'chai';
import { agencyCodeProblem, emailAddressProblem, mailDomainProblem, normaliseAgencyCode, type ValueProblem } from '../../../server/services/org/agency.js';
import { t } from '../../../server/i18n/index.js';

describe('agency field checks', () => {
  const cases: [string, (value: string) => ValueProblem | null, string, boolean][] = [
    ['code', agencyCodeProblem, 'STC', true],
    ['code', agencyCodeProblem, 'SNNPTNT', true],
    ['code', agencyCodeProblem, 'S', false],
    ['code', agencyCodeProblem, '1STC', false],
    ['code', agencyCodeProblem, 'STC-1', false],
    ['code', agencyCodeProblem, 'ABCDEFGHIJKLM', false],
    ['domain', mailDomainProblem, 'stc.hoabinh.gov.vn', true],
    ['domain', mailDomainProblem, 'hoabinh.gov.vn', true],
    ['domain', mailDomainProblem, 'localhost', false],
    ['domain', mailDomainProblem, 'stc..hoabinh.gov.vn', false],
    ['domain', mailDomainProblem, '-stc.hoabinh.gov.vn', false],
    ['domain', mailDomainProblem, 'hòabình.gov.vn', false],
    ['domain', mailDomainProblem, 'stc.hoabinh.gov.v1', false],
    ['address', emailAddressProblem, 'duongdaynong@stc.hoabinh.gov.vn', true],
    ['address', emailAddressProblem, 'an.nv+test@hoabinh.gov.vn', true],
    ['address', emailAddressProblem, '@hoabinh.gov.vn', false],
    ['address', emailAddressProblem, 'duong..day@hoabinh.gov.vn', false],
    ['address', emailAddressProblem, 'đườngdâynóng@hoabinh.gov.vn', false],
    ['address', emailAddressProblem, 'duongdaynong@hoabinh', false],
    ['address', emailAddressProblem, 'duong day@hoabinh.gov.vn', false],
  ];
  for (const [what, check, value, valid] of cases) {
    it(`${valid ? 'accepts' : 'rejects'} the ${what} "${value}"`, () => {
      const problem = check(value);
      if (valid) expect(problem).to.equal(null);
      else {
        expect(problem?.message).to.be.a('string').and.not.equal('');
        // issue 15 item 3: the web shows the problem by its id, so every id has a Vietnamese text
        const key = `hr.err.${problem!.id}`;
        expect(t('vi', key, problem!.params), key).to.not.equal(key).and.not.match(/\{\w+\}/);
      }
    });
  }
});

describe('agency code as typed', () => {
  it('is trimmed and upper-cased, as codes are stored', () => {
    expect(['stc', ' STC ', 'Stc\n', ''].map(normaliseAgencyCode)).to.deep.equal(['STC', 'STC', 'STC', '']);
  });
});
