import { expect } from 'chai';
import {
  allocateLocalPart,
  allocateLocalParts,
  isReservedLocalPart,
  quarantinedLocalParts,
  RESERVED_LOCAL_PARTS,
} from '../../../server/services/provisioning/address-allocator.js';

const takenIn = (...taken: string[]) => (candidate: string) => taken.includes(candidate);

describe('address-allocator', () => {
  describe('allocateLocalPart', () => {
    const cases: Array<[string, string[], string]> = [
      ['annv', [], 'annv'],
      ['annv', ['annv'], 'annv2'],
      ['annv', ['annv', 'annv2'], 'annv3'],
      ['annv', ['annv', 'annv3'], 'annv2'], // lowest free number, not max + 1
      ['annv', ['annv2'], 'annv'],
      ['ANNV', ['annv'], 'annv2'],
    ];
    for (const [base, taken, expected] of cases) {
      it(`gives ${expected} for ${base} when [${taken.join(', ')}] are taken`, () => {
        expect(allocateLocalPart(base, takenIn(...taken))).to.equal(expected);
      });
    }

    it('never hands out a reserved name, even when nothing is taken', () => {
      expect(allocateLocalPart('postmaster', takenIn())).to.equal('postmaster2');
      expect(allocateLocalPart('Info', takenIn())).to.equal('info2');
      expect(allocateLocalPart('hotline', takenIn('hotline2'))).to.equal('hotline3');
    });

    it('refuses an empty base', () => {
      expect(() => allocateLocalPart('', takenIn())).to.throw('empty');
    });

    it('keeps a suffixed candidate within 64 characters', () => {
      const base = 'x'.repeat(64);
      expect(allocateLocalPart(base, takenIn(base))).to.equal(`${'x'.repeat(63)}2`);
    });
  });

  describe('RESERVED_LOCAL_PARTS', () => {
    it('lists the role and hotline names from the brief and cannot be changed at run time', () => {
      expect(RESERVED_LOCAL_PARTS).to.include.members([
        'postmaster', 'abuse', 'admin', 'administrator', 'hostmaster', 'webmaster', 'root', 'hotline',
        'duongdaynong', 'noreply', 'no-reply', 'mailer-daemon', 'info', 'support', 'security',
      ]);
      expect(Object.isFrozen(RESERVED_LOCAL_PARTS)).to.equal(true);
    });

    it('matches reserved names case-insensitively', () => {
      expect(isReservedLocalPart('PostMaster')).to.equal(true);
      expect(isReservedLocalPart('postmaster2')).to.equal(false);
    });
  });

  describe('allocateLocalParts (batch)', () => {
    it('numbers namesakes in roster order after what is already taken', () => {
      const names = ['Nguyễn Văn An', 'Ngô Văn An', 'Nguyễn Văn An', 'Đặng Thị Ánh Nguyệt'];
      const out = allocateLocalParts(names, ['annv2']);
      expect(out.map((a) => ('localPart' in a ? a.localPart : a.error))).to.deep.equal([
        'annv', 'annv3', 'annv4', 'nguyetdta',
      ]);
    });

    it('treats the taken set case-insensitively and leaves it unmodified', () => {
      const taken = new Set(['ANNV']);
      const [first] = allocateLocalParts(['Nguyễn Văn An'], taken);
      expect(first).to.deep.equal({ fullName: 'Nguyễn Văn An', localPart: 'annv2' });
      expect([...taken]).to.deep.equal(['ANNV']);
    });

    it('turns a name that folds to a reserved word into the numbered form', () => {
      const [a] = allocateLocalParts(['Post Master'], [], '{family}{middle}{given}');
      expect(a).to.deep.equal({ fullName: 'Post Master', localPart: 'postmaster2' });
    });

    it('reports a row that yields no address and carries on with the next', () => {
      const out = allocateLocalParts(['李明', 'Nguyễn Văn An'], []);
      expect(out[0]).to.have.property('error').that.contains('Cannot derive');
      expect(out[1]).to.deep.equal({ fullName: 'Nguyễn Văn An', localPart: 'annv' });
    });

    it('keeps quarantined leaver addresses out when the caller passes them as taken', () => {
      const quarantine = quarantinedLocalParts(
        [{ localPart: 'annv', deletedAt: new Date('2026-01-10T00:00:00Z') }],
        new Date('2026-03-01T00:00:00Z'),
        365,
      );
      const [a] = allocateLocalParts(['Nguyễn Văn An'], quarantine);
      expect(a).to.deep.equal({ fullName: 'Nguyễn Văn An', localPart: 'annv2' });
    });

    // Speed (each base remembers its next number, so this is linear) is measured by `npm run bench -- provision`,
    // not asserted here: timed assertions make tests flaky.
    it('allocates 10,000 namesakes to 10,000 distinct numbered addresses', () => {
      const names = Array.from({ length: 10_000 }, () => 'Nguyễn Văn An');
      const out = allocateLocalParts(names, []);
      expect(out[9_999]).to.deep.equal({ fullName: 'Nguyễn Văn An', localPart: 'annv10000' });
      expect(new Set(out.map((a) => ('localPart' in a ? a.localPart : ''))).size).to.equal(10_000);
    });
  });

  describe('quarantinedLocalParts', () => {
    it('returns addresses deleted within the quarantine window only', () => {
      const now = new Date('2026-06-01T00:00:00Z');
      const out = quarantinedLocalParts(
        [
          { localPart: 'AnNV', deletedAt: new Date('2026-05-22T00:00:00Z') },
          { localPart: 'binhlt', deletedAt: new Date('2025-05-01T00:00:00Z') },
        ],
        now,
        30,
      );
      expect([...out]).to.deep.equal(['annv']);
    });
  });
});
