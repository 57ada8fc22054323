import { expect } from 'chai';
import { normalizeName, splitName } from '../../../server/services/provisioning/vietnamese-name.js';

describe('vietnamese-name', () => {
  describe('normalizeName', () => {
    it('turns NFD input into the same NFC string as NFC input', () => {
      const nfc = 'Nguyễn Văn Hòa';
      const nfd = nfc.normalize('NFD');
      expect(nfd).to.not.equal(nfc);
      expect(normalizeName(nfd)).to.equal(nfc);
    });

    it('trims and collapses spaces, tabs and no-break spaces from spreadsheets', () => {
      expect(normalizeName('  Nguyễn \u00a0 Văn\tAn \n')).to.equal('Nguyễn Văn An');
    });

    it('keeps the original case for display', () => {
      expect(normalizeName('NGUYỄN văn An')).to.equal('NGUYỄN văn An');
    });
  });

  describe('splitName', () => {
    it('puts the family name first and the given name last', () => {
      expect(splitName('Đặng Thị Ánh Nguyệt')).to.deep.equal({
        full: 'Đặng Thị Ánh Nguyệt',
        family: 'Đặng',
        middles: ['Thị', 'Ánh'],
        given: 'Nguyệt',
      });
    });

    it('splits a two-syllable name into family and given with no middle names', () => {
      expect(splitName('Lê An')).to.include({ family: 'Lê', given: 'An' });
      expect(splitName('Lê An').middles).to.deep.equal([]);
    });

    it('treats a one-syllable name as a given name only', () => {
      expect(splitName(' Phong ')).to.deep.equal({ full: 'Phong', family: '', middles: [], given: 'Phong' });
    });

    it('keeps a compound family name as family + middle, which the initials pattern needs', () => {
      expect(splitName('Âu Dương Phong')).to.include({ family: 'Âu', given: 'Phong' });
      expect(splitName('Âu Dương Phong').middles).to.deep.equal(['Dương']);
    });

    it('splits NFD input with extra spaces exactly like clean NFC input', () => {
      expect(splitName('  Nguyễn   Văn  An '.normalize('NFD'))).to.deep.equal(splitName('Nguyễn Văn An'));
    });

    it('refuses a blank name', () => {
      expect(() => splitName(' \t ')).to.throw('Name is empty');
    });
  });
});
