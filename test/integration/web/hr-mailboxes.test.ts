// /hr/mailboxes: scoped list and search, and each action as a CSRF-checked, audit-logged POST. An HR officer of
// one agency gets 404 for another agency's mailbox, exactly as for one that does not exist.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { testApp, buildUser, loginAgent, type Agent } from '../../support/web.js';
import { importRows, seedHoabinh } from '../../support/provisioning-fixtures.js';
import { verifyPassword } from '../../../server/services/crypto/password-hash.js';

forEachDb('web: /hr/mailboxes', (getDb) => {
  let snv: string[];
  let stc: string[];
  let officer: { agent: Agent; csrf: string; username: string };
  let province: { agent: Agent; csrf: string };

  before(async () => {
    const db = getDb();
    await seedHoabinh(db);
    await importRows(db, [
      { employee_code: 'M1', full_name: 'Nguyễn Văn An', agency_code: 'SNV', position: 'x' },
      { employee_code: 'M2', full_name: 'Trần Thị Bích', agency_code: 'SNV', position: 'x' },
      { employee_code: 'M3', full_name: 'Lê Văn Cường', agency_code: 'STC', position: 'x' },
    ]);
    const boxes = await db.models.Mailbox.findAll({ where: { kind: 'staff' }, order: [['address', 'ASC']] });
    snv = boxes.filter((b) => b.domain.startsWith('snv.')).map((b) => b.address);
    stc = boxes.filter((b) => b.domain.startsWith('stc.')).map((b) => b.address);
    const snvId = (await db.models.Agency.findOne({ where: { code: 'SNV' } }))!.id;
    const hr = await buildUser(db, { role: 'hr', agencyId: snvId });
    const admin = await buildUser(db, { role: 'admin' });
    const app = testApp(db);
    officer = { ...(await loginAgent(app, hr.username, hr.password)), username: hr.username };
    province = await loginAgent(app, admin.username, admin.password);
  });

  it("lists only the officer's agency, and searches tone-insensitively", async () => {
    const page = await officer.agent.get('/hr/mailboxes').expect(200);
    for (const a of snv) expect(page.text).to.contain(a);
    for (const a of stc) expect(page.text).not.to.contain(a);
    const other = await officer.agent.get('/hr/mailboxes?agency=STC').expect(200);
    for (const a of stc) expect(other.text).not.to.contain(a);
    const all = await province.agent.get('/hr/mailboxes').expect(200);
    for (const a of [...snv, ...stc]) expect(all.text).to.contain(a);
    const found = await province.agent.get('/hr/mailboxes?q=tran%20thi%20bich').expect(200);
    expect(found.text).to.contain('Trần Thị Bích').and.not.contain('Nguyễn Văn An');
  });

  it("answers 404 to an agency officer for another agency's mailbox, on the page and on every action", async () => {
    await officer.agent.get(`/hr/mailboxes/${stc[0]}`).expect(404);
    for (const action of ['password', 'suspend', 'restore', 'leaver', 'transfer', 'alias-add']) {
      await officer.agent.post(`/hr/mailboxes/${stc[0]}/${action}`).type('form').send({ _csrf: officer.csrf, agency: 'SNV', alias: `x@${stc[0]!.split('@')[1]}` }).expect(404);
    }
    const box = await getDb().models.Mailbox.findOne({ where: { address: stc[0] } });
    expect(box!.allow_login).to.equal(true);
  });

  it('asks before each destructive action: without confirm=1 the POST answers a confirmation page and changes nothing', async () => {
    const db = getDb();
    const before = (await db.models.Mailbox.findOne({ where: { address: snv[0] } }))!.get({ plain: true });
    const audits = await db.models.AuditLog.count();
    const domain = snv[0]!.split('@')[1]!;
    await officer.agent.post(`/hr/mailboxes/${snv[0]}/alias-add`).type('form').send({ _csrf: officer.csrf, alias: `hoi@${domain}` }).expect(303);
    for (const [action, body, mention] of [
      ['password', {}, 'Đặt lại mật khẩu'], ['suspend', { reason: 'kiểm tra' }, 'Tạm khóa hộp thư'], ['leaver', {}, 'Ghi nhận nghỉ việc'],
      ['transfer', { agency: 'STP' }, 'STP — Sở Tư pháp'], ['alias-remove', { alias: `hoi@${domain}` }, `hoi@${domain}`],
    ] as const) {
      // A transfer leaves the officer's agency: only a province-wide officer is asked (the agency officer is refused below).
      const who = action === 'transfer' ? province : officer;
      const page = await who.agent.post(`/hr/mailboxes/${snv[0]}/${action}`).type('form').send({ _csrf: who.csrf, ...body }).expect(200);
      expect(page.text, action).to.contain('data-testid="confirm"').and.contain('name="confirm" value="1"').and.contain(mention)
        .and.contain(`action="/hr/mailboxes/${snv[0]}/${action}"`).and.contain('btn-danger');
      for (const [name, value] of Object.entries(body)) expect(page.text, action).to.contain(`name="${name}" value="${value}"`);
    }
    const refused = await officer.agent.post(`/hr/mailboxes/${snv[0]}/transfer`).type('form').send({ _csrf: officer.csrf, agency: 'STP' }).expect(403);
    expect(refused.text).to.contain('Chỉ người quản lý cả hai cơ quan').and.not.contain('data-testid="confirm"');
    expect((await db.models.Mailbox.findOne({ where: { address: snv[0] } }))!.get({ plain: true })).to.deep.equal(before);
    expect(await db.models.MailAlias.count({ where: { address: `hoi@${domain}` } })).to.equal(1);
    expect(await db.models.AuditLog.count()).to.equal(audits + 1); // the alias-add only
    await officer.agent.post(`/hr/mailboxes/${snv[0]}/alias-remove`).type('form').send({ _csrf: officer.csrf, alias: `hoi@${domain}`, confirm: '1' }).expect(303);
    expect(await db.models.MailAlias.count({ where: { address: `hoi@${domain}` } })).to.equal(0);
  });

  it('makes the officer choose the transfer agency: none is preselected, and a transfer without one is refused', async () => {
    const page = await province.agent.get(`/hr/mailboxes/${stc[0]}`).expect(200);
    const select = /<select[^>]*name="agency"[^>]*>([\s\S]*?)<\/select>/.exec(page.text)![1]!;
    expect(select).to.match(/^\s*<option value="" selected disabled>/);
    expect(select.match(/ selected/g)).to.have.length(1);
    for (const agency of ['', 'NOSUCH']) {
      const refused = await province.agent.post(`/hr/mailboxes/${stc[0]}/transfer`).type('form').send({ _csrf: province.csrf, agency, confirm: '1' }).expect(422);
      expect(refused.text).to.contain('Hãy chọn cơ quan chuyển đến.');
    }
    expect(await getDb().models.Mailbox.count({ where: { address: stc[0], active: true } })).to.equal(1);
  });

  it('resets a password, shows it once, and the new password verifies', async () => {
    const res = await officer.agent.post(`/hr/mailboxes/${snv[0]}/password`).type('form').send({ _csrf: officer.csrf, confirm: '1' }).expect(200);
    expect(res.headers['cache-control']).to.contain('no-store');
    const password = /data-testid="new-password"><code>([^<]+)<\/code>/.exec(res.text)![1]!;
    const box = await getDb().models.Mailbox.findOne({ where: { address: snv[0] } });
    expect(await verifyPassword(password, box!.password_hash)).to.equal(true);
    expect(box!.must_change_password).to.equal(true);
    const later = await officer.agent.get(`/hr/mailboxes/${snv[0]}`).expect(200);
    expect(later.text).not.to.contain(password);
    expect(await getDb().models.AuditLog.count({ where: { action: 'mailbox.set_password', actor: officer.username } })).to.equal(1);
  });

  it('suspends and restores, refuses a second suspend with a message, and requires the CSRF token', async () => {
    const db = getDb();
    await officer.agent.post(`/hr/mailboxes/${snv[1]}/suspend`).type('form').send({ reason: 'x', confirm: '1' }).expect(403);
    await officer.agent.post(`/hr/mailboxes/${snv[1]}/suspend`).type('form').send({ _csrf: officer.csrf, reason: 'nghỉ phép dài', confirm: '1' })
      .expect(303).expect('location', `/hr/mailboxes/${encodeURIComponent(snv[1]!)}?ok=suspend`);
    expect((await db.models.Mailbox.findOne({ where: { address: snv[1] } }))!.allow_login).to.equal(false);
    const twice = await officer.agent.post(`/hr/mailboxes/${snv[1]}/suspend`).type('form').send({ _csrf: officer.csrf, confirm: '1' }).expect(409);
    expect(twice.text).to.contain('Hộp thư này đang bị tạm khóa.');
    await officer.agent.post(`/hr/mailboxes/${snv[1]}/restore`).type('form').send({ _csrf: officer.csrf }).expect(303);
    expect((await db.models.Mailbox.findOne({ where: { address: snv[1] } }))!.allow_login).to.equal(true);
    expect(await db.models.AuditLog.count({ where: { action: ['mailbox.suspend', 'mailbox.restore'], target: snv[1] } })).to.equal(2);
  });

  it('sets the quota, rejects a bad one next to the form, and adds and removes an alias in its own domain only', async () => {
    const db = getDb();
    await officer.agent.post(`/hr/mailboxes/${snv[0]}/quota`).type('form').send({ _csrf: officer.csrf, quota_mb: '4096' }).expect(303);
    expect((await db.models.Mailbox.findOne({ where: { address: snv[0] } }))!.quota_mb).to.equal(4096);
    const bad = await officer.agent.post(`/hr/mailboxes/${snv[0]}/quota`).type('form').send({ _csrf: officer.csrf, quota_mb: '-5' }).expect(400);
    expect(bad.text).to.contain('Dung lượng phải là số MB nguyên');
    const domain = snv[0]!.split('@')[1]!;
    await officer.agent.post(`/hr/mailboxes/${snv[0]}/alias-add`).type('form').send({ _csrf: officer.csrf, alias: `vanthu@${domain}` }).expect(303);
    expect(await db.models.MailAlias.count({ where: { address: `vanthu@${domain}`, goto: snv[0] } })).to.equal(1);
    const foreign = await officer.agent.post(`/hr/mailboxes/${snv[0]}/alias-add`).type('form').send({ _csrf: officer.csrf, alias: 'giamdoc@stc.hoabinh.gov.vn' }).expect(403);
    expect(foreign.text).to.contain('Tên miền stc.hoabinh.gov.vn không thuộc cơ quan của bạn.');
    await officer.agent.post(`/hr/mailboxes/${snv[0]}/alias-remove`).type('form').send({ _csrf: officer.csrf, alias: `vanthu@${domain}`, confirm: '1' }).expect(303);
    expect(await db.models.MailAlias.count({ where: { address: `vanthu@${domain}` } })).to.equal(0);
  });

  it('marks a leaver and transfers a person to another agency, keeping the old address as an alias', async () => {
    const db = getDb();
    const res = await province.agent.post(`/hr/mailboxes/${stc[0]}/transfer`).type('form').send({ _csrf: province.csrf, agency: 'STP', confirm: '1' }).expect(303);
    const moved = decodeURIComponent(/\/hr\/mailboxes\/([^?]+)/.exec(res.headers.location!)![1]!);
    expect(moved).to.match(/@stp\.hoabinh\.gov\.vn$/);
    expect(await db.models.MailAlias.count({ where: { address: stc[0], goto: moved } })).to.equal(1);
    await province.agent.post(`/hr/mailboxes/${moved}/leaver`).type('form').send({ _csrf: province.csrf, confirm: '1' }).expect(303);
    const page = await province.agent.get(`/hr/mailboxes/${moved}`).expect(200);
    expect(page.text).to.contain('Đã nghỉ việc');
  });
});
