// /hr/shared-mailboxes through the real app: an HR officer creates a shared mailbox of their agency with an owner,
// sees field errors next to the field, adds an owner, and removes one only after a confirmation page; another
// agency's officer gets 404. /admin/hotlines offers the agency's shared mailboxes and saves the hotline without a
// typed password.
import { expect } from 'chai';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { seedHoabinh } from '../../support/provisioning-fixtures.js';
import { testApp, buildUser, loginAgent, csrfOf, type Agent } from '../../support/web.js';

const VANTHU = 'vanthu@stp.hoabinh.gov.vn';

forEachDb('web: /hr/shared-mailboxes', (getDb) => {
  const db = (): TestDb => getDb();
  let stpHr: { agent: Agent; csrf: string };
  let stcHr: { agent: Agent; csrf: string };
  let admin: { agent: Agent; csrf: string };
  let owner: string;
  let second: string;

  before(async () => {
    await seedHoabinh(db());
    const id = async (code: string) => (await db().models.Agency.findOne({ where: { code } }))!.id;
    const app = testApp(db());
    const login = async (role: 'hr' | 'admin', agencyId: number | null) => {
      const u = await buildUser(db(), { role, agencyId });
      return loginAgent(app, u.username, u.password);
    };
    stpHr = await login('hr', await id('STP'));
    stcHr = await login('hr', await id('STC'));
    admin = await login('admin', null);
    owner = (await buildUser(db(), { role: 'agent', agencyId: await id('STP'), displayName: 'Phạm Thu Hà' })).username;
    second = (await buildUser(db(), { role: 'agent', agencyId: await id('STP') })).username;
  });

  it('creates one from the form: the agency select holds only the officer\'s agency, errors sit next to their field', async () => {
    const page = await stpHr.agent.get('/hr/shared-mailboxes').expect(200);
    expect(page.text).to.contain('Hộp thư dùng chung').and.contain('data-testid="shared-empty"');
    expect(page.text).to.contain('value="STP"').and.not.contain('value="STC"');
    const bad = await stpHr.agent.post('/hr/shared-mailboxes').type('form')
      .send({ _csrf: stpHr.csrf, address: 'vanthu@stc.hoabinh.gov.vn', agency: 'STP', name: 'Văn thư', owners: owner }).expect(422);
    expect(bad.text).to.match(/id="f-address-error"[^]*stc\.hoabinh\.gov\.vn không phải tên miền thư của STP/);
    expect(bad.text).to.contain('value="vanthu@stc.hoabinh.gov.vn"');
    const noOwner = await stpHr.agent.post('/hr/shared-mailboxes').type('form')
      .send({ _csrf: stpHr.csrf, address: VANTHU, agency: 'STP', owners: 'khong-co-ai' }).expect(422);
    expect(noOwner.text).to.match(/id="f-owners-error"[^]*khong-co-ai/);
    const ok = await stpHr.agent.post('/hr/shared-mailboxes').type('form')
      .send({ _csrf: stpHr.csrf, address: VANTHU, agency: 'STP', name: 'Văn thư Sở Tư pháp', owners: owner }).expect(303);
    expect(ok.headers.location).to.equal(`/hr/shared-mailboxes/${encodeURIComponent(VANTHU)}?ok=created`);
    const detail = await stpHr.agent.get(ok.headers.location!).expect(200);
    expect(detail.text).to.contain('Đã tạo hộp thư dùng chung').and.contain(owner).and.contain('Phạm Thu Hà');
    const list = await stpHr.agent.get('/hr/shared-mailboxes').expect(200);
    expect(list.text).to.contain(VANTHU).and.contain('Văn thư Sở Tư pháp');
  });

  it("answers 404 to another agency's officer, on the page and on each action, and lists nothing of STP to them", async () => {
    await stcHr.agent.get(`/hr/shared-mailboxes/${VANTHU}`).expect(404);
    await stcHr.agent.post(`/hr/shared-mailboxes/${VANTHU}/owners`).type('form').send({ _csrf: stcHr.csrf, owner: second }).expect(404);
    await stcHr.agent.post(`/hr/shared-mailboxes/${VANTHU}/owners/remove`).type('form').send({ _csrf: stcHr.csrf, owner, confirm: '1' }).expect(404);
    expect((await stcHr.agent.get('/hr/shared-mailboxes').expect(200)).text).not.to.contain(`href="/hr/shared-mailboxes/${VANTHU}"`);
    const created = await stcHr.agent.post('/hr/shared-mailboxes').type('form').send({ _csrf: stcHr.csrf, address: 'tiepdan@stp.hoabinh.gov.vn', agency: 'STP' }).expect(403);
    expect(created.text).to.contain('không thuộc phạm vi của bạn');
    expect(await db().models.MailboxOwner.count()).to.equal(1);
  });

  it('adds an owner, and removes one only after the confirmation page', async () => {
    await stpHr.agent.post(`/hr/shared-mailboxes/${VANTHU}/owners`).type('form').send({ _csrf: stpHr.csrf, owner: second }).expect(303);
    const ask = await stpHr.agent.post(`/hr/shared-mailboxes/${VANTHU}/owners/remove`).type('form').send({ _csrf: stpHr.csrf, owner }).expect(200);
    expect(ask.text).to.contain('data-testid="confirm"').and.contain('Bỏ người phụ trách');
    const box = await db().models.Mailbox.findOne({ where: { address: VANTHU } });
    expect(await db().models.MailboxOwner.count({ where: { mailbox_id: box!.id } }), 'nothing removed yet').to.equal(2);
    await stpHr.agent.post(`/hr/shared-mailboxes/${VANTHU}/owners/remove`).type('form').send({ _csrf: csrfOf(ask.text), owner, confirm: '1' }).expect(303);
    const page = await stpHr.agent.get(`/hr/shared-mailboxes/${VANTHU}`).expect(200);
    expect(page.text).to.contain(second).and.not.contain(`data-testid="remove-${owner}"`);
  });

  it('the mailbox page offers no password reset for a shared mailbox, and links to its owners', async () => {
    const page = await stpHr.agent.get(`/hr/mailboxes/${VANTHU}`).expect(200);
    expect(page.text).to.contain('data-testid="shared-link"').and.not.contain('data-testid="action-password"');
  });

  it('/admin/hotlines offers the agency\'s shared mailboxes and saves the hotline reading one, without a password', async () => {
    const form = await admin.agent.get('/admin/hotlines/STP').expect(200);
    expect(form.text).to.match(new RegExp(`<option value="${VANTHU}"`));
    expect((await admin.agent.get('/admin/hotlines/STC').expect(200)).text).not.to.contain(`value="${VANTHU}"`);
    await admin.agent.post('/admin/hotlines/STP').type('form')
      .send({ _csrf: admin.csrf, host: '127.0.0.1', port: '143', plain: '1', mailbox: VANTHU, user: '', password: '', folder: 'INBOX', interval: '60', confirm: '1' }).expect(303);
    const stp = (await db().models.Agency.findOne({ where: { code: 'STP' } }))!;
    const inbox = (await db().models.HotlineInbox.findOne({ where: { agency_id: stp.id }, raw: true }))!;
    const box = (await db().models.Mailbox.findOne({ where: { address: VANTHU }, raw: true }))!;
    expect(inbox).to.include({ mailbox_id: box.id, imap_user: VANTHU, password_enc: '', imap_host: '127.0.0.1' });
    const again = await admin.agent.get('/admin/hotlines/STP').expect(200);
    expect(again.text).to.match(new RegExp(`<option value="${VANTHU}" selected`));
    // Another agency's hotline cannot read it.
    const refused = await admin.agent.post('/admin/hotlines/STC').type('form')
      .send({ _csrf: admin.csrf, host: '127.0.0.1', port: '143', plain: '1', mailbox: VANTHU, folder: 'INBOX', interval: '60' }).expect(422);
    expect(refused.text).to.contain(`${VANTHU} không phải hộp thư của STC`);
  });
});
