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

  it('issue 15 item 4: a new rule goes before the seed rules by default, so it fires on mail a seed rule also catches', async () => {
    const db = getDb();
    const before = await listRules(db);
    const firstSeed = before.find((r) => r.id.startsWith('seed-'))!;
    const form = await admin.agent.get('/admin/rules/new').expect(200);
    expect(form.text).to.contain('data-testid="rule-position"').and.match(new RegExp(`<option value="${firstSeed.id}" selected>`));
    expect(form.text).to.contain(`ngay trước «${firstSeed.name}»`);
    expect(form.text).to.match(/<li data-new="1"><b>Quy tắc này<\/b>/);
    const mail = 'From: dan@example.vn\nSubject: Cháy rừng ở xóm Mới\nContent-Type: text/plain; charset=utf-8\n\nLửa lan nhanh.';
    expect(firing((await test(mail)).text)).to.equal(firstSeed.id);
    // No position in the post (an older form or a script): the default place, before the seeds.
    await admin.agent.post('/admin/rules').type('form').send({ _csrf: admin.csrf, name: 'Cháy rừng ở xóm Mới → Sở Xây dựng',
      'conditions.keywordsAny': 'cháy rừng', 'conditions.in': 'both', 'actions.agencyCode': 'SXD' }).expect(303);
    const after = await listRules(db);
    const made = after.find((r) => r.name === 'Cháy rừng ở xóm Mới → Sở Xây dựng')!;
    const order = after.map((r) => r.id);
    expect(order.indexOf(made.id)).to.equal(order.indexOf(firstSeed.id) - 1);
    expect(new Set(after.map((r) => r.position)).size).to.equal(after.length); // renumbered, no ties
    expect(firing((await test(mail)).text)).to.equal(made.id);
  });

  it('issue 15 item 4: a new rule goes first, before a chosen rule or at the end when the admin says so', async () => {
    const db = getDb();
    const rules = await listRules(db);
    const post = (name: string, position: string) => admin.agent.post('/admin/rules').type('form').send({ _csrf: admin.csrf, name,
      'conditions.keywordsAny': 'đường ngập', 'conditions.in': 'both', position });
    await post('Đầu tiên', rules[0]!.id).expect(303);
    await post('Cuối cùng', 'end').expect(303);
    await post('Thứ ba', rules[1]!.id).expect(303);
    const order = (await listRules(db)).map((r) => r.name);
    expect(order[0]).to.equal('Đầu tiên');
    expect(order[2]).to.equal('Thứ ba');
    expect(order.at(-1)).to.equal('Cuối cùng');
    // A place before a rule that no longer exists is refused, and the form keeps what was typed.
    const stale = await post('Lạc chỗ', 'no-such-rule').expect(422);
    expect(stale.text).to.contain('value="Lạc chỗ"');
    expect((await listRules(db)).some((r) => r.name === 'Lạc chỗ')).to.equal(false);
  });
});
