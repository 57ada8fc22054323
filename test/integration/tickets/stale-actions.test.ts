// Stale-version refusal on every action of the ticket page (issue 14 item 5), both databases: each action form
// carries the version the page was drawn from; a status change, a reclassification, a referral and a merge drawn
// before a colleague's change are refused (409) with what changed and nothing done, and go through on "do it
// anyway" (confirm_stale), which posts the same fields back. The check is the reply form's (tickets/staleness.ts).
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { loginAgent, testApp } from '../../support/web.js';
import { addHotlineAgency, citizenMail, staff, type Hotline } from './ticket-fixture.js';

/** The "what changed" list of a refused action. */
const changesOf = (html: string) => /data-testid="stale-changes">([\s\S]*?)<\/ul>/.exec(html)![1]!;
const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)![1]!;
/** The hidden fields of the stale panel's "do it anyway" form. */
function doAnywayFields(html: string): Record<string, string> {
  const panel = /data-testid="stale-warning"[\s\S]*?<\/form>/.exec(html)![0];
  const unescape = (s: string) => s.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
  return Object.fromEntries([...panel.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, unescape(m[2]!)]));
}

forEachDb('stale forms on every ticket action', (getDb) => {
  let h: Hotline;
  let app: ReturnType<typeof testApp>;
  before(async () => {
    h = await addHotlineAgency(getDb(), 'SVA');
    await addHotlineAgency(getDb(), 'SVB');
    app = testApp(getDb());
  });

  /** A supervisor draws the page, then a colleague writes a note: the supervisor's version is now stale. */
  async function staleSetup(subject: string) {
    const db = getDb();
    const t = await citizenMail(db, h, { subject, body: 'Nội dung phản ánh.' });
    const boss = await loginAgent(app, await staff(db, 'supervisor', h.agencyId, 'Lê Phụ Trách'));
    const page = await boss.agent.get(`/tickets/${t.ref}`).expect(200);
    const seen = versionOf(page.text);
    const colleague = await loginAgent(app, await staff(db, 'agent', h.agencyId, 'Vũ Đồng Nghiệp'));
    await colleague.agent.post(`/tickets/${t.ref}/note`).type('form').send({ _csrf: colleague.csrf, version: versionOf((await colleague.agent.get(`/tickets/${t.ref}`)).text), note: 'Đã gọi công dân.' }).expect(303);
    return { db, t, boss, page: page.text, seen };
  }

  it('draws every action form of the ticket page with the page\'s version', async () => {
    const { t, page, seen } = await staleSetup('Đường thôn Suối Hoa sạt lở');
    const forms = [...page.matchAll(/<form method="post" action="\/tickets\/[^/"]+\/([a-z]+)"[\s\S]*?<\/form>/g)];
    const actions = forms.map((f) => f[1]);
    expect(actions).to.include.members(['reply', 'status', 'accept', 'pause', 'refer', 'reclassify', 'assign', 'note']);
    for (const f of forms) expect(f[0], `form ${f[1]} of ${t.ref}`).to.contain(`name="version" value="${seen}"`);
  });

  it('refuses a status change from a stale page with what changed, and does it once confirmed', async () => {
    const { db, t, boss, seen } = await staleSetup('Cống thoát nước tắc');
    const refused = await boss.agent.post(`/tickets/${t.ref}/status`).type('form').send({ _csrf: boss.csrf, version: seen, status: 'pending' }).expect(409);
    expect(changesOf(refused.text)).to.contain('Ghi chú');
    expect((await db.models.Ticket.findByPk(t.id))!.status).to.not.equal('pending');
    const again = doAnywayFields(refused.text);
    expect(again).to.include({ status: 'pending', confirm_stale: '1' });
    await boss.agent.post(`/tickets/${t.ref}/status`).type('form').send({ ...again, _csrf: boss.csrf }).expect(303);
    expect((await db.models.Ticket.findByPk(t.id))!.status).to.equal('pending');
  });

  it('refuses a reclassification from a stale page, and does it once confirmed', async () => {
    const { db, t, boss, seen } = await staleSetup('Xin hỏi thủ tục cấp phép xây dựng');
    const before = (await db.models.Ticket.findByPk(t.id))!;
    const form = { class: before.class, category: 'giao_thong', priority: 'urgent' };
    const refused = await boss.agent.post(`/tickets/${t.ref}/reclassify`).type('form').send({ _csrf: boss.csrf, version: seen, ...form }).expect(409);
    expect(changesOf(refused.text)).to.contain('Ghi chú');
    expect((await db.models.Ticket.findByPk(t.id))!.priority).to.equal(before.priority);
    await boss.agent.post(`/tickets/${t.ref}/reclassify`).type('form').send({ _csrf: boss.csrf, version: seen, confirm_stale: '1', ...form }).expect(303);
    const after = (await db.models.Ticket.findByPk(t.id))!;
    expect([after.category, after.priority]).to.deep.equal(['giao_thong', 'urgent']);
  });

  it('refuses a referral confirmed on a stale page; "do it anyway" refers it once', async () => {
    const { db, t, boss, seen } = await staleSetup('Công trình lấn chiếm vỉa hè');
    // the confirmation step carries the version through
    const ask = await boss.agent.post(`/tickets/${t.ref}/refer`).type('form').send({ _csrf: boss.csrf, version: seen, to: 'SVB', refer_reason: 'Thuộc thẩm quyền SVB' }).expect(200);
    expect(ask.text).to.contain(`name="version" value="${seen}"`);
    const refused = await boss.agent.post(`/tickets/${t.ref}/refer`).type('form')
      .send({ _csrf: boss.csrf, version: seen, to: 'SVB', refer_reason: 'Thuộc thẩm quyền SVB', confirm: '1' }).expect(409);
    expect(changesOf(refused.text)).to.contain('Ghi chú');
    expect(await db.models.Referral.count({ where: { ticket_id: t.id } })).to.equal(0);
    const again = doAnywayFields(refused.text);
    expect(again).to.include({ to: 'SVB', confirm: '1', confirm_stale: '1', refer_reason: 'Thuộc thẩm quyền SVB' });
    await boss.agent.post(`/tickets/${t.ref}/refer`).type('form').send({ ...again, _csrf: boss.csrf }).expect(303);
    expect(await db.models.Referral.count({ where: { ticket_id: t.id } })).to.equal(1);
  });

  it('refuses a merge confirmed on a stale merge page, and merges once confirmed', async () => {
    const db = getDb();
    const first = await citizenMail(db, h, { subject: 'Mất điện khu phố 3' });
    const { t, boss } = await staleSetup('Mất điện khu phố 3 lần hai');
    // the merge page is drawn now: its version includes the colleague's note; another note makes it stale
    const mergePage = await boss.agent.get(`/tickets/${t.ref}/merge`).expect(200);
    const seen = versionOf(mergePage.text);
    const colleague = await loginAgent(app, await staff(db, 'agent', h.agencyId, 'Đỗ Thứ Ba'));
    await colleague.agent.post(`/tickets/${t.ref}/note`).type('form').send({ _csrf: colleague.csrf, note: 'Công dân gọi lại.' }).expect(303);
    const form = { version: seen, with: first.ref, merge_reason: 'Cùng một vụ việc', confirm: '1' };
    const refused = await boss.agent.post(`/tickets/${t.ref}/merge`).type('form').send({ _csrf: boss.csrf, ...form }).expect(409);
    expect(changesOf(refused.text)).to.contain('Ghi chú');
    expect((await db.models.Ticket.findByPk(t.id))!.status).to.not.equal('closed');
    await boss.agent.post(`/tickets/${t.ref}/merge`).type('form').send({ ...doAnywayFields(refused.text), _csrf: boss.csrf }).expect(303);
    expect((await db.models.Ticket.findByPk(t.id))!.relation).to.equal('merged_into');
  });
});
