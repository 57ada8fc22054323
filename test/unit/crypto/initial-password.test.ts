import { expect } from 'chai';
import {
  assertAsciiPassword,
  generateInitialPassword,
  INITIAL_PASSWORD_ALPHABET,
  initialPasswordEntropyBits,
  PasswordPolicyError,
} from '../../../server/services/crypto/initial-password.js';

/** Test titles: an NFD string prints like its NFC twin, so say which one it is. */
const label = (s: string): string => JSON.stringify(s) + (s.normalize('NFC') === s ? '' : ' (NFD)');

const SAMPLES = 2_000;
const samples = Array.from({ length: SAMPLES }, () => generateInitialPassword());

describe('initial-password', () => {
  describe('generateInitialPassword', () => {
    it('comes as four dash-separated groups of four, like Kf7q-Xm2p-Rt9w-Hz4c', () => {
      for (const p of samples) expect(p).to.match(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    });

    it('never uses the look-alikes 0 O o 1 l I', () => {
      expect(INITIAL_PASSWORD_ALPHABET).to.not.match(/[0Oo1lI]/);
      for (const p of samples) expect(p).to.not.match(/[0Oo1lI]/);
    });

    it('always has a lower-case letter, an upper-case letter and a digit', () => {
      for (const p of samples) expect(p).to.match(/[a-z]/).and.match(/[A-Z]/).and.match(/[2-9]/);
    });

    it('draws from 56 symbols, about 93 bits for the default shape', () => {
      expect(INITIAL_PASSWORD_ALPHABET).to.have.length(56);
      expect(new Set(INITIAL_PASSWORD_ALPHABET).size).to.equal(56);
      expect(initialPasswordEntropyBits()).to.be.closeTo(92.9, 0.1);
      expect(initialPasswordEntropyBits({ groups: 5, groupLength: 4 })).to.be.above(116);
    });

    it('does not repeat in 2,000 draws', () => {
      expect(new Set(samples).size).to.equal(SAMPLES);
    });

    it('uses every symbol at a roughly even rate (no modulo bias)', () => {
      const counts = new Map<string, number>();
      for (const p of samples) for (const ch of p.replace(/-/g, '')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
      const expected = (SAMPLES * 16) / 56; // ≈ 571, standard deviation ≈ 24
      expect(counts.size).to.equal(56);
      for (const n of counts.values()) expect(n).to.be.within(expected * 0.7, expected * 1.3);
    });

    it('follows a requested shape', () => {
      expect(generateInitialPassword({ groups: 5, groupLength: 3 })).to.match(/^[A-Za-z2-9]{3}(-[A-Za-z2-9]{3}){4}$/);
    });
  });

  describe('assertAsciiPassword', () => {
    for (const ok of ['Kf7q-Xm2p-Rt9w-Hz4c', 'with spaces and ~!@#$%^&*()', 'x']) {
      it(`accepts printable ASCII ${JSON.stringify(ok)}`, () => {
        expect(() => assertAsciiPassword(ok)).to.not.throw();
      });
    }

    const refused: Array<[string, string]> = [
      ['Mật khẩu', '"ậ" at position 2'],
      ['Mật khẩu'.normalize('NFD'), 'at position 3'], // the combining dot below, after "Ma"
      ['tab\there', 'U+0009 at position 4'],
      ['', 'Password is empty'],
    ];
    for (const [password, message] of refused) {
      it(`refuses ${label(password)} and says where`, () => {
        expect(() => assertAsciiPassword(password)).to.throw(PasswordPolicyError, message);
      });
    }

    it('explains the Unicode trap in the message', () => {
      expect(() => assertAsciiPassword('Đà Nẵng')).to.throw(/printable ASCII.*encode them differently/);
    });
  });
});
