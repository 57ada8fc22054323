import { expect } from 'chai';
import {
  ADDRESS_PATTERN_TOKENS,
  compileAddressPattern,
  DEFAULT_ADDRESS_PATTERN,
  LOCAL_PART_MAX_CHARS,
  localPartFromName,
  sanitizeLocalPart,
} from '../../../server/services/provisioning/address-pattern.js';

/** Test titles: an NFD string prints like its NFC twin, so say which one it is. */
const label = (s: string): string => JSON.stringify(s) + (s.normalize('NFC') === s ? '' : ' (NFD)');

describe('address-pattern', () => {
  describe('default pattern {given}{initials}', () => {
    const cases: Array<[string, string]> = [
      ['Nguyễn Văn An', 'annv'],
      ['Đặng Thị Ánh Nguyệt', 'nguyetdta'],
      ['Âu Dương Phong', 'phongad'],
      ['Phong', 'phong'],
      ['Lê An', 'anl'],
      ['NGUYỄN VĂN AN', 'annv'],
      ['Nguyễn Văn An'.normalize('NFD'), 'annv'],
      ['   Nguyễn \u00a0Văn\t\tAn  ', 'annv'],
      ['Ưng Hoàng Phúc', 'phucuh'],
      ['Phạm Văn Ơn', 'onpv'],
      ['Lăng Thị Hằng', 'hanglt'],
      ['Vũ Thị Ân', 'anvt'],
      ['Lê Thị Huệ', 'huelt'],
      ['Tô Ngọc Vân', 'vantn'],
      ['Đoàn Đức Đạt', 'datdd'],
      ['Trương Thị Kim-Anh', 'kimanhtt'],
    ];
    for (const [name, expected] of cases) {
      it(`${label(name)} → ${expected}`, () => {
        expect(localPartFromName(name)).to.equal(expected);
      });
    }

    it('is the exported default', () => {
      expect(DEFAULT_ADDRESS_PATTERN).to.equal('{given}{initials}');
    });
  });

  describe('other patterns', () => {
    const cases: Array<[string, string, string]> = [
      ['{given}.{family}', 'Nguyễn Văn Thành An', 'an.nguyen'],
      ['{family}{middle}{given}', 'Nguyễn Văn Thành An', 'nguyenvanthanhan'],
      ['{given}{family}', 'Đặng Thị Ánh Nguyệt', 'nguyetdang'],
      ['{given}{initials}.stc', 'Nguyễn Văn An', 'annv.stc'],
      ['{given}.{family}', 'Phong', 'phong'], // no trailing dot for a one-syllable name
      ['{family}.{middle}.{given}', 'Lê An', 'le.an'], // no doubled dot without middle names
      ['.{given}..{family}.', 'Lê An', 'an.le'],
      ['{family}{middle}{given}', 'Post Master', 'postmaster'], // reserved check is the allocator's job
    ];
    for (const [pattern, name, expected] of cases) {
      it(`${pattern}: ${JSON.stringify(name)} → ${expected}`, () => {
        expect(compileAddressPattern(pattern)(name)).to.equal(expected);
      });
    }

    it('cuts a long full-name address to the RFC 5321 limit without a trailing dot', () => {
      const name = 'Tôn Nữ Thị Hoàng Phương Thảo Nguyên Khánh Linh Ngọc Bảo Châu Minh Anh';
      const out = compileAddressPattern('{family}.{middle}.{given}')(name);
      expect(out.length).to.be.at.most(LOCAL_PART_MAX_CHARS);
      expect(out).to.match(/^[a-z0-9.]+$/);
      expect(out).to.not.match(/\.$/);
    });

    it('refuses a name with no Latin letters instead of producing an empty local part', () => {
      expect(() => localPartFromName('李明')).to.throw('Cannot derive an address from the name "李明"');
    });
  });

  describe('invalid patterns', () => {
    for (const pattern of ['{giv}', '{given}_{family}', '{given', 'given}', '', '{family}', '{}', '{Given}x']) {
      it(`rejects ${JSON.stringify(pattern)} with the list of accepted tokens`, () => {
        expect(() => compileAddressPattern(pattern)).to.throw(Error, ADDRESS_PATTERN_TOKENS.join(', '));
      });
    }
  });

  describe('sanitizeLocalPart', () => {
    const cases: Array<[string, string]> = [
      ['An.NV', 'an.nv'],
      ['..a...b..', 'a.b'],
      ['a-b_c+d', 'abcd'],
      ['x'.repeat(70), 'x'.repeat(64)],
      [`${'x'.repeat(63)}.y`, 'x'.repeat(63)],
    ];
    for (const [input, expected] of cases) {
      it(`keeps only [a-z0-9.] with single inner dots: ${JSON.stringify(input.slice(0, 12))}…`, () => {
        expect(sanitizeLocalPart(input)).to.equal(expected);
      });
    }
  });
});
