import { expect } from 'chai';
import { containsKeyword, keywordTokens, textKey, toneKey } from '../../../server/services/triage/text-keys.js';

/** Test titles: an NFD string prints like its NFC twin, so say which one it is. */
const label = (s: string): string => JSON.stringify(s) + (s.normalize('NFC') === s ? '' : ' (NFD)');
const nfd = (s: string): string => s.normalize('NFD');

describe('triage text-keys', () => {
  describe('textKey', () => {
    const cases: Array<[string, string]> = [
      ['Sạt lở đất ở xã Tân Lạc', 'sat lo dat o xa tan lac'],
      [nfd('Sạt lở đất ở xã Tân Lạc'), 'sat lo dat o xa tan lac'],
      ['ĐẤT ĐAI', 'dat dai'],
      ['  khiếu\tnại \n\u00a0 đất  ', 'khieu nai dat'],
      ['Hoà Bình', 'hoa binh'],
      ['Hòa Bình', 'hoa binh'],
      ['Nghệ An', 'nghe an'], // ệ carries two marks
      ['D9u7o72ng ngo5 bi5 ho3ng', 'duong ngo bi hong'], // VNI typed with the input method off: Đường ngõ bị hỏng
      ['Xin gu73i ba3n sao', 'xin gui ban sao'],
      ['QL6 km12, 28A, 2 m, 10 ha', 'ql km, 28a, 2 m, 10 ha'], // digits after a letter only, and never a 0
      ['A10', 'a10'],
    ];
    for (const [input, expected] of cases) {
      it(`folds ${label(input)} to ${JSON.stringify(expected)}`, () => {
        expect(textKey(input)).to.equal(expected);
      });
    }

    it('gives the same key for NFC and NFD input of the same words', () => {
      const text = 'Đề nghị xử lý ô nhiễm nước thải ở thượng nguồn';
      expect(nfd(text)).to.not.equal(text);
      expect(textKey(nfd(text))).to.equal(textKey(text));
    });
  });

  describe('toneKey', () => {
    const pairs: Array<[string, string, string]> = [
      ['hoà', 'hòa', 'hòa'],
      ['thuỷ', 'thủy', 'thủy'],
      ['khoẻ', 'khỏe', 'khỏe'],
      ['quý', 'qúy', 'quý'],
      ['già', 'gìa', 'già'],
      ['hoàng', 'hòang', 'hoàng'],
    ];
    for (const [a, b, canonical] of pairs) {
      it(`puts the tone of "${a}" and "${b}" in one place ("${canonical}")`, () => {
        expect(toneKey(a)).to.equal(canonical);
        expect(toneKey(b)).to.equal(canonical);
      });
    }

    it('keeps words whose tone is already unambiguous: người, tiếng, ngoài, khuỷu, giường', () => {
      expect(toneKey('Người tiếng NGOÀI khuỷu giường')).to.equal('người tiếng ngoài khuỷu giường');
    });

    it('canonicalises NFD input with the new tone placement', () => {
      expect(toneKey(nfd('Thanh Thuỷ, Hạ Hoà'))).to.equal('thanh thủy, hạ hòa');
    });

    it('leaves non-Vietnamese words with accents alone', () => {
      expect(toneKey('Café résumé')).to.equal('café résumé');
    });

    it('keeps tone marks, so "chạy" and "cháy" stay different', () => {
      expect(toneKey('chạy')).to.not.equal(toneKey('cháy'));
    });
  });

  describe('containsKeyword', () => {
    const hits: Array<[string, string]> = [
      ['Đất đai', 'Tôi xin phản ánh về đất đai'],
      ['đất đai', 'TÔI XIN PHẢN ÁNH VỀ ĐẤT ĐAI'],
      ['đất đai', 'toi xin phan anh ve dat dai'],
      ['dat dai', 'Tranh chấp đất đai kéo dài'],
      ['đất đai', nfd('tranh chấp đất đai')],
      [nfd('đất đai'), 'tranh chấp đất đai'],
      ['thuỷ lợi', 'kênh thủy lợi bị vỡ'],
      ['thủy lợi', 'kênh thuỷ lợi bị vỡ'],
      ['quý', 'Kính gửi qúy cơ quan'],
      ['đất đai', 'đất-đai'],
      ['đất đai', 'đất\n\n  đai'],
      ['sạt lở', 'Sạt lở!'],
      ['covid-19', 'dịch COVID 19'],
      ['an', 'an toàn thực phẩm'],
    ];
    for (const [keyword, text] of hits) {
      it(`finds ${label(keyword)} in ${label(text)}`, () => {
        expect(containsKeyword(textKey(text), keyword)).to.equal(true);
      });
    }

    const misses: Array<[string, string, string]> = [
      ['an', 'tôi bán nhà', 'inside a word'],
      ['an', 'anh ấy', 'at the start of a word'],
      ['đất đai', 'đất ở, đai lưng', 'across a comma'],
      ['đất đai', 'đai đất', 'in the wrong order'],
      ['lũ', 'lũy tre', 'as a prefix of another syllable'],
      ['y tế', 'quy tế', 'inside a longer syllable'],
      ['...', 'anything ...', 'with no letter or digit'],
    ];
    for (const [keyword, text, why] of misses) {
      it(`does not find ${label(keyword)} in ${label(text)} (${why})`, () => {
        expect(containsKeyword(textKey(text), keyword)).to.equal(false);
      });
    }

    it('ignores tone marks by design, so "cháy" also matches "chạy" (why seeds use phrases)', () => {
      expect(containsKeyword(textKey('xe chạy nhanh'), 'cháy')).to.equal(true);
      expect(containsKeyword(textKey('xe chạy nhanh'), 'đám cháy')).to.equal(false);
    });

    it('splits a keyword into its syllables', () => {
      expect(keywordTokens(' Giải-phóng  mặt bằng ')).to.deep.equal(['giai', 'phong', 'mat', 'bang']);
    });
  });
});
