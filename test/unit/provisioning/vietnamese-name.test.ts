import { expect } from 'chai';
import { normalizeName, splitName, stripToneMarks } from '../../../server/services/provisioning/vietnamese-name.js';

/** Test titles: an NFD string prints like its NFC twin, so say which one it is. */
const label = (s: string): string => JSON.stringify(s) + (s.normalize('NFC') === s ? '' : ' (NFD)');

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

  describe('stripToneMarks', () => {
    const cases: Array<[string, string]> = [
      ['Đặng', 'Dang'],
      ['đường', 'duong'],
      ['ĐĐđđ', 'DDdd'],
      ['Nguyệt', 'Nguyet'], // ệ carries two marks (dot below + circumflex)
      ['Ư Ơ Ă Â Ê Ô ư ơ ă â ê ô', 'U O A A E O u o a a e o'],
      ['Hoà', 'Hoa'], // old-style tone placement
      ['Hòa', 'Hoa'], // new-style tone placement
      ['Thuỷ Thủy', 'Thuy Thuy'],
      ['Nguyễn'.normalize('NFD'), 'Nguyen'],
      ['ascii stays', 'ascii stays'],
    ];
    for (const [input, expected] of cases) {
      it(`folds ${label(input)} to ${JSON.stringify(expected)}`, () => {
        expect(stripToneMarks(input)).to.equal(expected);
      });
    }

    // Texts of plain Vietnamese fold character by character; anything else (NFD input, curly quotes, other
    // scripts, Hangul jamo that compose) takes the whole-text path. Both must give the definition's answer.
    it('gives the NFD → strip marks → đ→d → NFC answer for every mix of scripts and forms', () => {
      const definition = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gu, 'd').replace(/Đ/gu, 'D').normalize('NFC');
      const pieces = ['a', 'Z', ' ', '\r\n', '7', 'ệ', 'Ữ', 'đ', 'Đ', 'ǅ', 'ø', 'ß', 'Å', '\u0301', '\u0323', 'e\u0302\u0301', '’', '–',
        'ᄀ', 'ᅡ', '가', 'Ω', 'й', 'K', '\u212a', '😀', 'ﬁ', 'ǖ', 'Ḑ'];
      let seed = 7;
      const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
      for (let n = 0; n < 3_000; n++) {
        const text = Array.from({ length: 1 + (next() % 12) }, () => pieces[next() % pieces.length]).join('');
        expect(stripToneMarks(text), JSON.stringify(text)).to.equal(definition(text));
      }
      for (let code = 0x00c0; code <= 0x1eff; code++) {
        const text = `x${String.fromCharCode(code)}y`;
        expect(stripToneMarks(text), code.toString(16)).to.equal(definition(text));
      }
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
