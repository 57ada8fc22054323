// /hr/coverage (table + server-side SVG chart, scoped by agency) and /admin/agencies (org import with preview).
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { testApp, buildUser, loginAgent } from '../../support/web.js';
import { importRows, seedHoabinh } from '../../support/provisioning-fixtures.js';
import { upload } from '../../support/hr-web.js';

forEachDb('web: /hr/coverage and /admin/agencies', (getDb) => {
  before(async () => {
    await seedHoabinh(getDb());
    await importRows(getDb(), [
      { employee_code: 'C1', full_name: 'Nguyễn Văn An', agency_code: 'SNV', position: 'x' },
      { employee_code: 'C2', full_name: 'Trần Thị Bích', agency_code: 'STC', position: 'x' },
    ]);
  });

  it('shows every agency to a province-wide user, as a table and an SVG bar chart', async () => {
    const db = getDb();
    const leader = await buildUser(db, { role: 'leader' });
    const { agent } = await loginAgent(testApp(db), leader.username, leader.password);
    const page = await agent.get('/hr/coverage').expect(200);
    const agencies = await db.models.Agency.count();
    expect(page.text.match(/<tr data-agency="/g)).to.have.length(agencies);
    expect(page.text).to.contain('<svg class="coverage-chart"');
    expect(page.text.match(/class="bar-fill/g)).to.have.length(agencies);
    expect(page.text).to.contain('Sở Nội vụ');
  });

  it("shows an agency's HR officer only their own agency", async () => {
    const db = getDb();
    const snvId = (await db.models.Agency.findOne({ where: { code: 'SNV' } }))!.id;
    const hr = await buildUser(db, { role: 'hr', agencyId: snvId });
    const { agent } = await loginAgent(testApp(db), hr.username, hr.password);
    const page = await agent.get('/hr/coverage').expect(200);
    expect(page.text.match(/<tr data-agency="([A-Z]+)"/g)).to.deep.equal(['<tr data-agency="SNV"']);
    expect(page.text).to.contain('data-testid="coverage-total-pct">100%<');
  });

  it('keeps agents out of coverage and HR out of the agency admin', async () => {
    const db = getDb();
    const app = testApp(db);
    const agent = await buildUser(db, { role: 'agent' });
    const hr = await buildUser(db, { role: 'hr' });
    await (await loginAgent(app, agent.username, agent.password)).agent.get('/hr/coverage').expect(403);
    await (await loginAgent(app, hr.username, hr.password)).agent.get('/admin/agencies').expect(403);
  });

  it('imports an org file after a preview; a file with errors names row and field and cannot be confirmed', async () => {
    const db = getDb();
    const admin = await buildUser(db, { role: 'admin' });
    const { agent, csrf } = await loginAgent(testApp(db), admin.username, admin.password);
    const bad = 'code,name,kind,parent_code,mail_domain\nXA1,Xã Một,commune,NOPE,xa1.hoabinh.gov.vn\n';
    const up1 = await upload(agent, '/admin/agencies/upload', csrf, 'org.csv', bad).expect(201);
    const p1 = await agent.get(up1.body.next).expect(200);
    expect(p1.text).to.match(/<td>2<\/td><td><code translate="no">parent_code<\/code><\/td>/);
    expect(p1.text).not.to.contain('data-testid="confirm-import"');

    const good = 'code,name,kind,parent_code,mail_domain\nXDL,Xã Đà Lạt Mới,commune,UBND,xdl.hoabinh.gov.vn\n';
    const up2 = await upload(agent, '/admin/agencies/upload', csrf, 'org.csv', good).expect(201);
    const p2 = await agent.get(up2.body.next).expect(200);
    expect(p2.text).to.contain('data-testid="preview-created">1<');
    expect(await db.models.Agency.count({ where: { code: 'XDL' } })).to.equal(0);
    await agent.post(`${up2.body.next}/confirm`).type('form').send({ _csrf: csrf }).expect(303).expect('location', '/admin/agencies?imported=1');
    await agent.post(`${up2.body.next}/confirm`).type('form').send({ _csrf: csrf }).expect(410);
    const list = await agent.get('/admin/agencies?imported=1').expect(200);
    expect(list.text).to.contain('Xã Đà Lạt Mới').and.contain('Đã nhập sơ đồ tổ chức.');
  });
});
