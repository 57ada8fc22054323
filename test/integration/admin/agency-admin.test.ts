// Agencies (issue 11, build item 4): edit, end day and deactivation, province-wide admins only (the services
// refuse anyone else), audit rows with from and to per field, and an ended agency honoured: no new roster rows,
// mailboxes, transfers, hotline settings or tickets, each with a clear error. Through the services, the CLI and
// the web, on SQLite and MariaDB.
import { expect } from 'chai';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { importRows, refusal, seedHoabinh, TEST_ACTOR } from '../../support/provisioning-fixtures.js';
import { runGovmail } from '../../support/cli.js';
import { testApp, buildUser, loginAgent, csrfOf, type Agent } from '../../support/web.js';
import { SECRET_KEY, ingestCtx, poll } from '../ingestion/hotline-fixture.js';
import { deactivateAgency, setAgencyEnd, updateAgency } from '../../../server/services/provisioning/agency-admin.js';
import { transferStaff } from '../../../server/services/provisioning/transfer.js';
import { setHotlineInbox } from '../../../server/services/ingestion/inbox-store.js';
import { actorOf } from '../../../server/services/auth/actor.js';
import { findAgencyByCode } from '../../../server/services/org/agency-lookup.js';

forEachDb('agencies: edit, end, deactivate', (getDb) => {
  const db = (): TestDb => getDb();
  const agency = async (code: string) => (await db().models.Agency.findOne({ where: { code }, raw: true }))!;
  const audits = async (target: string) => (await db().models.AuditLog.findAll({ where: { target }, order: [['id', 'ASC']], raw: true }))
    .map((a) => ({ action: a.action, details: JSON.parse(a.details!) as Record<string, unknown> }));
  let province: { agent: Agent; csrf: string };
  let scoped: { agent: Agent; csrf: string };

  before(async () => {
    await seedHoabinh(db());
    const app = testApp(db());
    const p = await buildUser(db(), { role: 'admin' });
    const s = await buildUser(db(), { role: 'admin', agencyId: (await agency('STP')).id });
    province = await loginAgent(app, p.username, p.password);
    scoped = await loginAgent(app, s.username, s.password);
  });

  it('edits name, kind, parent and hotline with one audit row of from and to per field; refuses agency-scoped admins', async () => {
    const stpAdmin = actorOf((await db().models.User.findOne({ where: { role: 'admin', agency_id: (await agency('STP')).id }, raw: true }))!);
    expect((await refusal(updateAgency(db(), 'STP', { name: 'Sở Tư pháp tỉnh' }, stpAdmin))).id).to.equal('org.province_only');
    expect((await refusal(setAgencyEnd(db(), 'STP', '2030-01-01', stpAdmin))).id).to.equal('org.province_only');
    const changes = await updateAgency(db(), 'STP', { name: 'Sở Tư pháp tỉnh Hòa Bình', kind: 'office', parentCode: 'VPUB', hotlineAddress: 'tiepdan@stp.hoabinh.gov.vn' }, TEST_ACTOR);
    expect(changes).to.deep.equal({
      name: { from: 'Sở Tư pháp', to: 'Sở Tư pháp tỉnh Hòa Bình' }, kind: { from: 'department', to: 'office' },
      parent: { from: 'UBND', to: 'VPUB' }, hotline_address: { from: 'duongdaynong@stp.hoabinh.gov.vn', to: 'tiepdan@stp.hoabinh.gov.vn' },
    });
    expect(await audits('agency:STP')).to.deep.equal([{ action: 'agency.update', details: { changes } }]);
    expect(await updateAgency(db(), 'STP', { name: 'Sở Tư pháp tỉnh Hòa Bình' }, TEST_ACTOR), 'no change, no row').to.deep.equal({});
    expect((await refusal(updateAgency(db(), 'UBND', { parentCode: 'STP' }, TEST_ACTOR))).id, 'a cycle').to.equal('agency.parent_cycle');
    expect((await refusal(updateAgency(db(), 'STP', { hotlineAddress: 'x@stc.hoabinh.gov.vn' }, TEST_ACTOR))).field).to.equal('hotline');
    expect((await refusal(updateAgency(db(), 'STP', { kind: 'ministry' }, TEST_ACTOR))).id).to.equal('agency.kind_invalid');
    expect((await audits('agency:STP')).length).to.equal(1);
  });

  it('an ended agency takes no roster rows, transfers, hotline settings or tickets, each refused with the reason', async () => {
    await importRows(db(), [{ employee_code: 'AE1', full_name: 'Vũ Thị Mai', agency_code: 'STC', position: 'x' }]);
    await setHotlineInbox(db(), SECRET_KEY, { agencyCode: 'SNV', imapUrl: 'imap://duongdaynong%40snv.hoabinh.gov.vn:pw@127.0.0.1:1/INBOX?tls=false' });
    await deactivateAgency(db(), 'SNV', TEST_ACTOR);
    const end = (await audits('agency:SNV')).at(-1)!;
    expect(end.action).to.equal('agency.end');
    expect((end.details.changes as { valid_to: { from: unknown } }).valid_to.from).to.equal(null);

    const roster = await importRows(db(), [{ employee_code: 'AE2', full_name: 'Hà Văn Nam', agency_code: 'SNV', position: 'x' }]);
    expect(roster.written).to.equal(false);
    expect(roster.errors).to.have.length(1);
    expect(roster.errors[0]).to.include({ field: 'agency_code', id: 'agency.ended' });
    expect(roster.errors[0]!.message).to.match(/agency "SNV" ended on \d{4}-\d{2}-\d{2}/);
    expect((await refusal(transferStaff(db(), { who: 'AE1', toAgencyCode: 'SNV', actor: TEST_ACTOR }))).id).to.equal('agency.ended');
    expect((await refusal(setHotlineInbox(db(), SECRET_KEY, { agencyCode: 'SNV', imapUrl: 'imap://a:b@127.0.0.1:1/INBOX' }))).id).to.equal('agency.ended');
    const counts = await poll(db(), ingestCtx(), 'SNV');
    expect(counts.tickets).to.equal(0);
    const inbox = (await db().models.HotlineInbox.findOne({ where: { agency_id: (await agency('SNV')).id }, raw: true }))!;
    expect(inbox.last_error).to.match(/agency SNV ended on/);
    expect(await db().models.Ticket.count()).to.equal(0);

    await setAgencyEnd(db(), 'SNV', null, TEST_ACTOR);
    expect((await audits('agency:SNV')).at(-1)!.action).to.equal('agency.reopen');
    expect((await importRows(db(), [{ employee_code: 'AE2', full_name: 'Hà Văn Nam', agency_code: 'SNV', position: 'x' }])).written, 'reopened: taken again').to.equal(true);
  });

  it('the CLI ends, lists and reopens an agency (a future end day leaves it open until then)', async function () {
    this.timeout(300_000); // three CLI processes on a busy machine
    expect((await refusal(setAgencyEnd(db(), 'SXD', '1/7/2099', TEST_ACTOR))).id).to.equal('agency.end_invalid');
    const env = { DATABASE_URL: db().url };
    const set = await runGovmail(['agency:end', 'SXD', '--on', '2099-07-01', '--json'], env);
    expect(set.code, set.stderr).to.equal(0);
    expect(set.json()).to.deep.equal({ code: 'SXD', valid_to: { from: null, to: '2099-07-01' } });
    const list = await runGovmail(['agency:list', '--json'], env);
    const sxd = list.json<{ code: string; valid_to: string | null; ended: boolean }[]>().find((a) => a.code === 'SXD');
    expect(sxd).to.include({ valid_to: '2099-07-01', ended: false });
    expect((await runGovmail(['agency:reopen', 'SXD', '--json'], env)).json()).to.deep.equal({ code: 'SXD', valid_to: { from: '2099-07-01', to: null } });
  });

  it('the web: the list shows end days; a province admin edits, and ends or deactivates only after a confirmation; a scoped admin gets 403', async () => {
    await scoped.agent.get('/admin/agencies/STC').set('Accept', 'text/html').expect(403);
    await scoped.agent.post('/admin/agencies/STC').type('form').send({ _csrf: scoped.csrf, name: 'X', kind: 'department' }).expect(403);
    await scoped.agent.post('/admin/agencies/STC/deactivate').type('form').send({ _csrf: scoped.csrf, confirm: '1' }).expect(403);

    const page = await province.agent.get('/admin/agencies/STC').expect(200);
    expect(page.text).to.contain('data-testid="agency-form"');
    await province.agent.post('/admin/agencies/STC').type('form')
      .send({ _csrf: province.csrf, name: 'Sở Tài chính tỉnh', kind: 'department', parent: 'UBND', hotline: 'duongdaynong@stc.hoabinh.gov.vn' }).expect(303);
    expect((await agency('STC')).name).to.equal('Sở Tài chính tỉnh');
    const bad = await province.agent.post('/admin/agencies/STC').type('form')
      .send({ _csrf: province.csrf, name: 'Sở Tài chính tỉnh', kind: 'department', parent: 'UBND', hotline: 'hotline@snv.hoabinh.gov.vn' }).expect(422);
    expect(bad.text).to.match(/id="f-hotline-error"[^]*stc\.hoabinh\.gov\.vn/);

    // the end day typed day/month/year, as the date field asks (views/partials/date-field.hbs), and shown that way
    const ask = await province.agent.post('/admin/agencies/STC/end').type('form').send({ _csrf: province.csrf, valid_to: '01/01/2020' }).expect(200);
    expect(ask.text).to.contain('data-testid="confirm"').and.contain('01/01/2020').and.not.contain('2020-01-01');
    const typo = await province.agent.post('/admin/agencies/STC/end').type('form').send({ _csrf: province.csrf, valid_to: '31/02/2020' }).expect(422);
    expect(typo.text).to.match(/id="f-valid_to-error"[^]*ngày\/tháng\/năm/).and.contain('value="31/02/2020"');
    expect((await agency('STC')).valid_to, 'nothing yet').to.equal(null);
    await province.agent.post('/admin/agencies/STC/end').type('form').send({ _csrf: csrfOf(ask.text), valid_to: '2020-01-01', confirm: '1' }).expect(303);
    const list = await province.agent.get('/admin/agencies').expect(200);
    expect(list.text).to.match(/data-testid="agency-STC"[^]*?01\/01\/2020 <span class="badge badge-neutral">Đã kết thúc/);
    await province.agent.post('/admin/agencies/STC/reopen').type('form').send({ _csrf: province.csrf }).expect(303);

    const askOff = await province.agent.post('/admin/agencies/SYT/deactivate').type('form').send({ _csrf: province.csrf }).expect(200);
    expect(askOff.text).to.contain('data-testid="confirm"');
    await province.agent.post('/admin/agencies/SYT/deactivate').type('form').send({ _csrf: province.csrf, confirm: '1' }).expect(303);
    expect((await agency('SYT')).valid_to).to.not.equal(null);
    expect((await audits('agency:STC')).map((a) => a.action)).to.deep.equal(['agency.update', 'agency.end', 'agency.reopen']);
  });

  it('finds an agency by its code however it is typed, ended ones too (one lookup for every caller)', async () => {
    for (const typed of ['STP', 'stp', ' Stp\t']) expect((await findAgencyByCode(db(), typed))?.code, typed).to.equal('STP');
    expect((await findAgencyByCode(db(), 'syt'))?.valid_to, 'deactivated above, still found').to.not.equal(null);
    for (const typed of ['', '  ', null, undefined, 'NOPE']) expect(await findAgencyByCode(db(), typed), String(typed)).to.equal(null);
  });
});
