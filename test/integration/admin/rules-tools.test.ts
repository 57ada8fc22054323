// Issue 15 item 4 on /admin/rules: the tester reads a pasted body alone (it used to parse its first lines as
// headers and report "no rule matches"), and a new rule goes where the admin puts it, by default before the seed
// rules, so a rule made for a case the seeds also catch fires (it used to land last, behind them).
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { adminWorld, type AdminWorld } from './admin-fixture.js';
import { listRules } from '../../../server/services/triage/index.js';

const firing = (html: string) => /data-testid="tester-matched" data-rule="([^"]*)"/.exec(html)?.[1];
const LAMP_RULE = { name: 'Đèn chiếu sáng hỏng', 'conditions.keywordsAny': 'đèn chiếu sáng', 'conditions.in': 'both', 'actions.category': 'xay_dung_do_thi' };

forEachDb('issue 15 item 4: truthful rule tools', (getDb) => {
  let admin: AdminWorld['admin'];
  before(async () => {
    ({ admin } = await adminWorld(getDb()));
  });
  const test = (raw: string) => admin.agent.post('/admin/rules/test').type('form').send({ _csrf: admin.csrf, raw }).expect(200);

  it('issue 15 item 4: the tester finds the rule for a pasted body without headers, and says it read a body alone', async () => {
    await admin.agent.post('/admin/rules').type('form').send({ _csrf: admin.csrf, ...LAMP_RULE, position: 'end' }).expect(303);
    const id = (await listRules(getDb())).find((r) => r.name === LAMP_RULE.name)!.id;
    for (const body of ['Đèn chiếu sáng trước nhà số 12 đường Lê Lợi bị hỏng đã một tuần.',
      'Kính gửi: Sở Xây dựng\nĐèn chiếu sáng trước nhà số 12 bị hỏng.\n\nXin cảm ơn.']) {
      const res = await test(body);
      expect(firing(res.text), body).to.equal(id);
      expect(res.text).to.contain('data-testid="tester-body-only"');
    }
    const whole = await test('From: dan@example.vn\nSubject: Đèn chiếu sáng hỏng\nContent-Type: text/plain; charset=utf-8\n\nXin cảm ơn.');
    expect(firing(whole.text)).to.equal(id);
    expect(whole.text).to.contain('data-testid="tester-subject">Đèn chiếu sáng hỏng<').and.not.contain('data-testid="tester-body-only"');
  });
});
