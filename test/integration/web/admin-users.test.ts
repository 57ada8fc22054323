// /admin/users on both databases, driven through the real app: the list and its filters, the create form (the
// one-time password shown once, errors next to the field), role and scope, disable after a confirmation (its
// sessions end), enable, unlock, the audit trail; an agency admin sees and is offered only their agency, and
// another agency's account answers 404 and stays as it was; other roles get 403 and no menu entry.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { testApp, buildUser, loginAgent, submitLogin, type Agent } from '../../support/web.js';
import { seedHoabinh, TEST_ACTOR } from '../../support/provisioning-fixtures.js';
import { createAccount } from '../../../server/services/users/index.js';

const PASSWORD = 'Mat-khau-quan-tri-2026';

forEachDb('/admin/users', (getDb) => {
  let province: { agent: Agent; csrf: string };
  let snv: { agent: Agent; csrf: string };
  let snvId: number;

  before(async function () {
    this.timeout(60_000);
    const db = getDb();
    await seedHoabinh(db);
    snvId = (await db.models.Agency.findOne({ where: { code: 'SNV' } }))!.id;
    const app = testApp(db);
    province = await loginAgent(app, await buildUser(db, { username: 'qtv-tinh', role: 'admin', agencyId: null, password: PASSWORD }));
    snv = await loginAgent(app, await buildUser(db, { username: 'qtv-snv', role: 'admin', agencyId: snvId, password: PASSWORD }));
    await createAccount(db, { username: 'stc-agent', role: 'agent', agency: 'STC', password: PASSWORD }, TEST_ACTOR);
  });

  it('a province admin creates an agent for an agency: the one-time password is shown once, never cached', async () => {
    const db = getDb();
    const res = await province.agent.post('/admin/users').type('form')
      .send({ _csrf: province.csrf, username: 'snv-agent', name: 'Lê Văn Xử Lý', role: 'agent', agency: 'SNV', mailbox: '' }).expect(201);
    expect(res.headers['cache-control']).to.equal('no-store');
    const password = /data-testid="new-password"><code>([^<]+)<\/code>/.exec(res.text)![1]!;
    expect(password).to.match(/^[A-Za-z0-9-]{16,}$/);
    expect(res.text).to.contain('data-testid="user-role">Cán bộ xử lý<').and.contain('data-testid="user-scope">SNV<');
    expect((await db.models.User.findOne({ where: { username: 'snv-agent' } }))!.get({ plain: true })).to.include({ role: 'agent', agency_id: snvId, display_name: 'Lê Văn Xử Lý', must_change_password: true });
    const again = await province.agent.get('/admin/users/snv-agent').expect(200);
    expect(again.text).not.to.contain(password);
    expect(again.text).to.contain('data-testid="user-trail"').and.contain('Tạo tài khoản').and.contain('qtv-tinh');
    expect((await submitLogin(testApp(db), 'snv-agent', password)).res.headers.location).to.equal('/account/password');
  });

  it('the list filters by agency, role and text, and the sidebar lists the page for admins only', async () => {
    const all = await province.agent.get('/admin/users').expect(200);
    expect(all.text).to.contain('data-user="snv-agent"').and.contain('data-user="stc-agent"').and.contain('href="/admin/users" aria-current="page"');
    const stc = await province.agent.get('/admin/users?agency=STC').expect(200);
    expect(stc.text).to.contain('data-user="stc-agent"').and.not.contain('data-user="snv-agent"');
    const admins = await province.agent.get('/admin/users?role=admin&q=tinh').expect(200);
    expect(admins.text).to.contain('data-user="qtv-tinh"').and.not.contain('data-user="qtv-snv"');
  });

  it('a create form error is shown next to its field, with the values kept', async () => {
    const res = await province.agent.post('/admin/users').type('form')
      .send({ _csrf: province.csrf, username: 'snv-agent', name: 'Trùng Tên', role: 'leader', agency: 'SNV', mailbox: '' }).expect(409);
    expect(res.text).to.match(/<span class="field-error" id="f-username-error">.*Tên đăng nhập này đã có\./s);
    expect(res.text).to.contain('value="Trùng Tên"').and.match(/<option value="leader" selected>/);
    const box = await province.agent.post('/admin/users').type('form')
      .send({ _csrf: province.csrf, username: 'x-nobox', role: 'agent', agency: 'SNV', mailbox: 'khongco@snv.hoabinh.gov.vn' }).expect(422);
    expect(box.text).to.match(/id="f-mailbox-error">.*Không có hộp thư/s);
  });

  it('an agency admin is offered only their agency, never the province; a wider grant is refused', async () => {
    const db = getDb();
    const page = await snv.agent.get('/admin/users').expect(200);
    expect(page.text).to.contain('data-user="snv-agent"').and.not.contain('data-user="stc-agent"').and.not.contain('data-user="qtv-tinh"');
    const scope = /<select id="f-agency" name="agency"[^>]*>([\s\S]*?)<\/select>/.exec(page.text)![1]!;
    expect([...scope.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1])).to.deep.equal(['SNV']);
    for (const agency of ['', 'STC']) {
      const res = await snv.agent.post('/admin/users').type('form').send({ _csrf: snv.csrf, username: `x-wide-${agency}`.toLowerCase(), role: 'leader', agency, mailbox: '' }).expect(403);
      expect(res.text).to.contain('Bạn không được cấp vai trò leader');
    }
    expect(await db.models.User.count({ where: { username: ['x-wide-', 'x-wide-stc'] } })).to.equal(0);
  });

  it('another agency\'s account answers 404 to an agency admin, on every action, and stays as it was', async () => {
    const db = getDb();
    const before = await db.models.User.findOne({ where: { username: 'stc-agent' }, raw: true });
    await snv.agent.get('/admin/users/stc-agent').expect(404);
    await snv.agent.get('/admin/users/qtv-tinh').expect(404);
    for (const action of ['role', 'disable', 'enable', 'unlock']) {
      await snv.agent.post(`/admin/users/stc-agent/${action}`).type('form').send({ _csrf: snv.csrf, role: 'agent', agency: 'SNV', confirm: '1' }).expect(404);
    }
    expect(await db.models.User.findOne({ where: { username: 'stc-agent' }, raw: true })).to.deep.equal(before);
  });

  it('role and scope change from the account page, audited from → to', async () => {
    const db = getDb();
    await snv.agent.post('/admin/users/snv-agent/role').type('form').send({ _csrf: snv.csrf, role: 'supervisor', agency: 'SNV' }).expect(303);
    expect(await db.models.User.findOne({ where: { username: 'snv-agent' }, raw: true })).to.include({ role: 'supervisor', agency_id: snvId });
    const page = await snv.agent.get('/admin/users/snv-agent?ok=role').expect(200);
    expect(page.text).to.contain('Đã lưu vai trò.').and.contain('Vai trò: Cán bộ xử lý → Phụ trách');
    const self = await snv.agent.get('/admin/users/qtv-snv').expect(200);
    expect(self.text).not.to.contain('data-testid="action-role"').and.not.contain('data-testid="action-disable"');
  });

  it('disable asks first; confirmed, it ends the account\'s sessions; enable lets it back in', async () => {
    const db = getDb();
    const victim = await loginAgent(testApp(db), await buildUser(db, { username: 'snv-leader', role: 'leader', agencyId: snvId, password: PASSWORD }));
    const ask = await snv.agent.post('/admin/users/snv-leader/disable').type('form').send({ _csrf: snv.csrf }).expect(200);
    expect(ask.text).to.contain('data-testid="confirm"').and.contain('Vô hiệu hóa tài khoản snv-leader?');
    expect((await db.models.User.findOne({ where: { username: 'snv-leader' } }))!.active, 'nothing happens before the confirmation').to.equal(true);
    await victim.agent.get('/').expect(200);
    await snv.agent.post('/admin/users/snv-leader/disable').type('form').send({ _csrf: snv.csrf, confirm: '1' }).expect(303);
    expect((await db.models.User.findOne({ where: { username: 'snv-leader' } }))!.active).to.equal(false);
    expect((await victim.agent.get('/').expect(303)).headers.location).to.match(/^\/login/);
    const page = await snv.agent.get('/admin/users/snv-leader').expect(200);
    expect(page.text).to.contain('Đã vô hiệu hóa').and.contain('data-testid="action-enable"');
    await snv.agent.post('/admin/users/snv-leader/enable').type('form').send({ _csrf: snv.csrf }).expect(303);
    expect((await submitLogin(testApp(db), 'snv-leader', PASSWORD)).res.status).to.equal(303);
  });

  it('a locked account shows unlock, which lifts the lock', async () => {
    const db = getDb();
    await db.models.User.update({ failed_logins: 5, locked_until: new Date(Date.now() + 600_000) }, { where: { username: 'snv-leader' } });
    const page = await snv.agent.get('/admin/users/snv-leader').expect(200);
    expect(page.text).to.contain('data-testid="action-unlock"').and.contain('Tạm khóa');
    await snv.agent.post('/admin/users/snv-leader/unlock').type('form').send({ _csrf: snv.csrf }).expect(303);
    expect(await db.models.User.findOne({ where: { username: 'snv-leader' }, raw: true })).to.include({ failed_logins: 0, locked_until: null });
  });

  it('hr, leaders and agents get 403 and no menu entry', async () => {
    const db = getDb();
    for (const role of ['hr', 'leader', 'agent'] as const) {
      const { agent, csrf } = await loginAgent(testApp(db), await buildUser(db, { role, agencyId: snvId }));
      expect((await agent.get('/').expect(200)).text).not.to.contain('href="/admin/users"');
      await agent.get('/admin/users').expect(403);
      await agent.post('/admin/users').type('form').send({ _csrf: csrf, username: `by-${role}`, role: 'staff', agency: 'SNV' }).expect(403);
    }
    expect(await db.models.User.count({ where: { username: ['by-hr', 'by-leader', 'by-agent'] } })).to.equal(0);
  });
});
