import { expect } from 'chai';
import { agencyCodeProblem, domainOf, emailAddressProblem, mailDomainProblem } from '../../../server/services/org/agency.js';
import { HOABINH_AGENCIES, HOABINH_ROOT_CODE } from '../../../server/services/org/seed-hoabinh.js';

const ofKind = (...kinds: string[]) => HOABINH_AGENCIES.filter((agency) => kinds.includes(agency.kind));

describe('HOABINH_AGENCIES (Hòa Bình 2016 demo province)', () => {
  it('has one province root, 21 sở/ban/ngành and 11 district-level units', () => {
    expect(ofKind('province').map((a) => a.code)).to.deep.equal([HOABINH_ROOT_CODE]);
    expect(ofKind('department', 'office')).to.have.length(21);
    expect(ofKind('office').map((a) => a.code)).to.deep.equal(['VPUB']);
    expect(ofKind('district')).to.have.length(11);
    expect(HOABINH_AGENCIES).to.have.length(33);
  });

  it('lists TP Hòa Bình and the ten 2016 huyện, Kỳ Sơn included', () => {
    expect(ofKind('district').map((a) => a.code)).to.have.members([
      'TPHOABINH', 'DABAC', 'KYSON', 'LUONGSON', 'KIMBOI', 'CAOPHONG', 'TANLAC', 'MAICHAU', 'LACSON', 'YENTHUY', 'LACTHUY',
    ]);
  });

  it('gives every agency a unique valid code that fits a case ref', () => {
    const codes = HOABINH_AGENCIES.map((a) => a.code);
    expect(new Set(codes).size).to.equal(codes.length);
    for (const code of codes) expect(agencyCodeProblem(code), code).to.equal(null);
  });

  it('gives every agency a unique valid domain under hoabinh.gov.vn', () => {
    const domains = HOABINH_AGENCIES.map((a) => a.mailDomain);
    expect(new Set(domains).size).to.equal(domains.length);
    for (const domain of domains) {
      expect(mailDomainProblem(domain), domain).to.equal(null);
      expect(domain === 'hoabinh.gov.vn' || domain.endsWith('.hoabinh.gov.vn'), domain).to.equal(true);
    }
  });

  it('puts every hotline address inside its own agency domain, all different', () => {
    const hotlines = HOABINH_AGENCIES.map((a) => a.hotlineAddress);
    expect(new Set(hotlines).size).to.equal(hotlines.length);
    for (const agency of HOABINH_AGENCIES) {
      expect(agency.hotlineAddress, agency.code).to.be.a('string');
      expect(emailAddressProblem(agency.hotlineAddress!), agency.code).to.equal(null);
      expect(domainOf(agency.hotlineAddress!), agency.code).to.equal(agency.mailDomain);
    }
  });

  it('hangs every non-root agency directly under the province UBND', () => {
    for (const agency of HOABINH_AGENCIES) {
      expect(agency.parentCode, agency.code).to.equal(agency.kind === 'province' ? null : HOABINH_ROOT_CODE);
    }
  });

  it('stores names in NFC with Vietnamese diacritics', () => {
    for (const { name } of HOABINH_AGENCIES) expect(name).to.equal(name.normalize('NFC'));
    expect(HOABINH_AGENCIES.find((a) => a.code === 'STC')?.name).to.equal('Sở Tài chính');
  });
});
