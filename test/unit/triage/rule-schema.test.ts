import { expect } from 'chai';
import { validateRule } from '../../../server/services/triage/rules.js';

const valid = () => ({
  id: 'r1',
  name: ' Khiếu nại đất đai ',
  position: 10,
  enabled: true,
  conditions: { in: 'both', keywordsAny: ['khiếu nại'.normalize('NFD'), ' đất đai '] },
  actions: { class: 'khieu_nai', category: 'dat_dai', priority: 'high', agencyCode: 'stnmt' },
});

/** The fields named by the errors of `input`, in order. */
function errorFields(input: unknown): string[] {
  const result = validateRule(input);
  if (result.ok) throw new Error('expected the rule to be rejected');
  return result.errors.map((e) => e.field);
}

describe('triage rule schema', () => {
  it('accepts a valid rule and normalises it (NFC, trimmed, upper-case agency code)', () => {
    const result = validateRule(valid());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.rule.name).to.equal('Khiếu nại đất đai');
    expect(result.rule.conditions.keywordsAny).to.deep.equal(['khiếu nại', 'đất đai']);
    expect(result.rule.actions.agencyCode).to.equal('STNMT');
  });

  it('defaults enabled to true and the keyword scope to both', () => {
    const { enabled: _e, ...rest } = valid();
    const result = validateRule({ ...rest, conditions: { keywordsAny: ['đất'] } });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.rule.enabled).to.equal(true);
    expect(result.rule.conditions.in).to.equal('both');
  });

  it('lower-cases the hotline and strips a leading @ from the sender domain', () => {
    const result = validateRule({
      ...valid(), conditions: { in: 'subject', hotlineAddress: ' HotLine@SYT.hoabinh.gov.vn', senderDomain: '@Gov.VN' },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.rule.conditions.hotlineAddress).to.equal('hotline@syt.hoabinh.gov.vn');
    expect(result.rule.conditions.senderDomain).to.equal('gov.vn');
  });

  const rejects: Array<[string, (r: ReturnType<typeof valid>) => unknown, string]> = [
    ['a blank name', (r) => ({ ...r, name: '   ' }), 'name'],
    ['a fractional position', (r) => ({ ...r, position: 1.5 }), 'position'],
    ['a negative position', (r) => ({ ...r, position: -1 }), 'position'],
    ['a position sent as text', (r) => ({ ...r, position: '3' }), 'position'],
    ['an empty third keyword', (r) => ({ ...r, conditions: { in: 'both', keywordsAny: ['a', 'b', ' '] } }),
      'conditions.keywordsAny.2'],
    ['a keyword of punctuation only', (r) => ({ ...r, conditions: { in: 'both', keywordsAll: ['?!'] } }),
      'conditions.keywordsAll.0'],
    ['an unknown keyword scope', (r) => ({ ...r, conditions: { in: 'attachments' } }), 'conditions.in'],
    ['a hotline that is not an address', (r) => ({ ...r, conditions: { in: 'both', hotlineAddress: 'hotline' } }),
      'conditions.hotlineAddress'],
    ['a sender domain with diacritics', (r) => ({ ...r, conditions: { in: 'both', senderDomain: 'hòabình.vn' } }),
      'conditions.senderDomain'],
    ['an attachment type with spaces', (r) => ({ ...r, conditions: { in: 'both', attachmentType: 'p d f' } }),
      'conditions.attachmentType'],
    ['a hasAttachment sent as text', (r) => ({ ...r, conditions: { in: 'both', hasAttachment: 'yes' } }),
      'conditions.hasAttachment'],
    ['an unknown condition', (r) => ({ ...r, conditions: { in: 'both', keyword: 'x' } }), 'conditions'],
    ['an unknown class', (r) => ({ ...r, actions: { class: 'kien_nghi' } }), 'actions.class'],
    ['an unknown category', (r) => ({ ...r, actions: { category: 'dat dai' } }), 'actions.category'],
    ['an unknown priority', (r) => ({ ...r, actions: { priority: 'critical' } }), 'actions.priority'],
    ['an agency code with diacritics', (r) => ({ ...r, actions: { agencyCode: 'SỞ' } }), 'actions.agencyCode'],
    ['both an assignee and a team', (r) => ({ ...r, actions: { assignee: 'u1', team: 'tiep-dan' } }),
      'actions.assignee'],
    ['continue with nothing to set', (r) => ({ ...r, actions: { continue: true } }), 'actions.continue'],
    ['continue sent as text', (r) => ({ ...r, actions: { class: 'to_cao', continue: 'yes' } }), 'actions.continue'],
    ['an empty excluded keyword', (r) => ({ ...r, conditions: { in: 'both', keywordsNone: [''] } }), 'conditions.keywordsNone.0'],
  ];
  for (const [what, change, field] of rejects) {
    it(`rejects ${what}, naming ${field}`, () => {
      expect(errorFields(change(valid()))).to.deep.equal([field]);
    });
  }

  it('reports every bad field at once, so the form can mark them all', () => {
    const fields = errorFields({ ...valid(), name: '', position: -2, actions: { priority: 'x' } });
    expect(fields).to.have.members(['name', 'position', 'actions.priority']);
  });

  it('gives a readable message next to the field', () => {
    const result = validateRule({ ...valid(), actions: { assignee: 'u1', team: 't' } });
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.errors[0]!.message).to.equal('set an assignee or a team, not both');
  });
});
