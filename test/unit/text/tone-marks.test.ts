import { expect } from 'chai';
import { stripToneMarks } from '../../../server/services/text/tone-marks.js';

/** Test titles: an NFD string prints like its NFC twin, so say which one it is. */
const label = (s: string): string => JSON.stringify(s) + (s.normalize('NFC') === s ? '' : ' (NFD)');

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
