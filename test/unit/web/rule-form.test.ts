import { expect } from 'chai';
import { draftFromForm, formValues, problemsByField, ruleFormBody, splitKeywords } from '../../../server/web/forms/rule-form.js';
import { ruleSlug } from '../../../server/services/triage/rule-admin.js';
import { validateRule } from '../../../server/services/triage/rule-schema.js';

const form = (over: Record<string, string> = {}) => ruleFormBody.parse({ name: 'Cây xanh', ...over });

describe('rule form', () => {
  it('splits keywords on lines, commas and semicolons, keeping phrases whole', () => {
    expect(splitKeywords('đám cháy\r\ncháy rừng, khói ;\n\n  ')).to.deep.equal(['đám cháy', 'cháy rừng', 'khói']);
  });

  it('turns blank fields into "no condition" and "no action"', () => {
    expect(draftFromForm(form())).to.deep.equal({ name: 'Cây xanh', conditions: { in: 'both' }, actions: {} });
  });

  it('maps every filled field to its place in the rule, attachments as a boolean', () => {
    const draft = draftFromForm(form({ 'conditions.senderDomain': 'gov.vn', 'conditions.keywordsAny': 'cây xanh\ncây đổ', 'conditions.in': 'subject',
      'conditions.hasAttachment': 'no', 'actions.class': 'khan', 'actions.agencyCode': 'sxd' }));
    expect(draft).to.deep.equal({ name: 'Cây xanh', conditions: { in: 'subject', senderDomain: 'gov.vn', keywordsAny: ['cây xanh', 'cây đổ'], hasAttachment: false },
      actions: { class: 'khan', agencyCode: 'sxd' } });
    expect(validateRule({ id: 'x', position: 1, ...draft }).ok).to.equal(true);
  });

  it('maps the exclusions and "continue" to the rule, and shows them back', () => {
    const draft = draftFromForm(form({ 'conditions.keywordsAny': 'khiếu nại', 'conditions.keywordsNone': 'không có ý khiếu nại', 'actions.class': 'khieu_nai',
      'actions.continue': 'yes' }));
    expect(draft).to.deep.equal({ name: 'Cây xanh', conditions: { in: 'both', keywordsAny: ['khiếu nại'], keywordsNone: ['không có ý khiếu nại'] },
      actions: { class: 'khieu_nai', continue: true } });
    expect(validateRule({ id: 'x', position: 1, ...draft }).ok).to.equal(true);
    const shown = formValues(draft);
    expect(shown.conditions.keywordsNone).to.equal('không có ý khiếu nại');
    expect(shown.actions).to.deep.equal({ class: 'khieu_nai', continue: 'yes' });
    expect(draftFromForm(form({ 'actions.class': 'khan', 'actions.continue': '' })).actions).to.deep.equal({ class: 'khan' });
  });

  it('shows a stored rule and a rejected submission in the same nested shape', () => {
    const stored = formValues({ name: 'A', conditions: { in: 'body', keywordsAll: ['a', 'b'], hasAttachment: true }, actions: { priority: 'high' } });
    expect(stored.conditions).to.include({ keywordsAll: 'a\nb', in: 'body', hasAttachment: 'yes', senderDomain: '' });
    expect(stored.actions).to.deep.equal({ priority: 'high' });
    const typed = formValues(form({ 'conditions.keywordsAny': 'x\n!!!' }));
    expect(typed.conditions.keywordsAny).to.equal('x\n!!!');
  });

  it('puts validateRule errors on their form field, with the keyword number', () => {
    const checked = validateRule({ id: 'x', position: 1, ...draftFromForm(form({ name: '', 'conditions.keywordsAny': 'a\n!!!', 'actions.assignee': 'u', 'actions.team': 't' })) });
    if (checked.ok) throw new Error('expected errors');
    expect(problemsByField(checked.errors).map((p) => [p.field, p.item])).to.deep.equal([
      ['name', undefined], ['conditions.keywordsAny', 2], ['actions.assignee', undefined],
    ]);
    expect(problemsByField([{ field: 'id', message: 'is empty' }])[0]!.field).to.equal('rule');
  });
});

describe('ruleSlug', () => {
  const cases: [string, string][] = [
    ['Cây xanh → Sở Xây dựng', 'cay-xanh-so-xay-dung'],
    ['Đường ĐT 433 hư hỏng', 'duong-dt-433-hu-hong'],
    ['  !!!  ', 'rule'],
    ['a'.repeat(80), 'a'.repeat(48)],
  ];
  for (const [name, slug] of cases) it(`makes "${slug}" of "${name.slice(0, 30)}"`, () => expect(ruleSlug(name)).to.equal(slug));
});
