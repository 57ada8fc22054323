import { expect } from 'chai';
import { FEEDBACK_CATEGORIES, FEEDBACK_FLAGS, TICKET_CLASSES } from '../../../server/services/org/categories.js';

describe('triage taxonomy', () => {
  it('has unique snake_case ASCII codes across categories and flags, each with vi and en labels', () => {
    const all = [...FEEDBACK_CATEGORIES, ...FEEDBACK_FLAGS];
    expect(new Set(all.map((c) => c.code)).size).to.equal(all.length);
    for (const category of all) {
      expect(category.code).to.match(/^[a-z][a-z_]*[a-z]$/);
      expect(category.vi.trim(), category.code).not.to.equal('');
      expect(category.en.trim(), category.code).not.to.equal('');
      expect(category.vi).to.equal(category.vi.normalize('NFC'));
    }
  });

  it('ends with a catch-all "khac" category', () => {
    expect(FEEDBACK_CATEGORIES[FEEDBACK_CATEGORIES.length - 1]?.code).to.equal('khac');
  });
});

describe('ticket classes', () => {
  it('defines the four legal classes once each', () => {
    expect(TICKET_CLASSES.map((c) => c.code)).to.have.members(['phan_anh_kien_nghi', 'khieu_nai', 'to_cao', 'khan']);
    expect(TICKET_CLASSES).to.have.length(4);
  });

  it('gives every class positive clock targets and a legal source', () => {
    for (const ticketClass of TICKET_CLASSES) {
      const targets = [ticketClass.firstResponse, ticketClass.resolution, ticketClass.complexResolution ?? ticketClass.resolution];
      for (const target of targets) {
        expect(target.amount, ticketClass.code).to.be.greaterThan(0);
        expect(target.unit).to.be.oneOf(['working_hours', 'working_days', 'calendar_days']);
      }
      expect(ticketClass.legalSource.length, ticketClass.code).to.be.greaterThan(10);
    }
  });

  it('runs complaint and denunciation resolution from acceptance, with the statutory 30 days', () => {
    for (const code of ['khieu_nai', 'to_cao']) {
      const ticketClass = TICKET_CLASSES.find((c) => c.code === code)!;
      expect(ticketClass.resolutionFrom).to.equal('acceptance');
      expect(ticketClass.resolution).to.deep.equal({ amount: 30, unit: 'calendar_days' });
    }
  });
});
