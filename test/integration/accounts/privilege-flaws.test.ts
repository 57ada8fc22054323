// The three flaws of issue 11, as named tests on both databases. Each is tried the way an insider of one agency
// would: on the web, and straight through the service (the rule lives there, so the CLI and jobs obey it too).
//   1. An agency HR officer's roster row with another agency's employee code under their own agency code.
//   2. An HR officer resetting the mailbox of a user whose linked account outranks them, and signing in with it.
//   3. An agency-scoped admin rewriting agencies or adding a domain.
import { expect } from 'chai';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { testApp, buildUser, csrfOf, loginAgent, submitLogin, type Agent } from '../../support/web.js';
import { credentialsOf, importRows, refusal, seedHoabinh, TEST_ACTOR } from '../../support/provisioning-fixtures.js';
import { rosterCsv } from '../../support/roster-factory.js';
import { runJobs, upload, useTestSecretInWorker } from '../../support/hr-web.js';
import { actorOf, type Actor } from '../../../server/services/auth/actor.js';
import { parseTable } from '../../../server/services/import/table-reader.js';
import { importRoster } from '../../../server/services/provisioning/roster-import.js';
import { importOrg } from '../../../server/services/provisioning/org-import.js';
import { migrateDomain } from '../../../server/services/provisioning/domain-migration.js';
import { setMailboxPassword, suspendMailbox } from '../../../server/services/provisioning/mailbox-lifecycle.js';
import { addAlias } from '../../../server/services/provisioning/aliases.js';
import { transferStaff } from '../../../server/services/provisioning/transfer.js';
import { TEST_SECRET } from '../../support/web.js';

const PEOPLE = [
  { employee_code: 'PF-SNV-1', full_name: 'Nguyễn Thị Lan', agency_code: 'SNV', position: 'Chuyên viên' },
  { employee_code: 'PF-SNV-2', full_name: 'Trần Văn Hùng', agency_code: 'SNV', position: 'Giám đốc' },
  { employee_code: 'PF-SNV-3', full_name: 'Lê Minh Tuấn', agency_code: 'SNV', position: 'Chuyên viên' },
  { employee_code: 'PF-STC-1', full_name: 'Phạm Thị Hương', agency_code: 'STC', position: 'Kế toán' },
];
const OWN_PASSWORD = 'Mat-khau-rieng-cua-toi-2026';

const mailbox = async (db: TestDb, address: string) => (await db.models.Mailbox.findOne({ where: { address } }))!.get({ plain: true });

forEachDb('issue 11: the three flaws', (getDb) => {
  let addr: Map<string, string>;
  let hr: { agent: Agent; csrf: string; actor: Actor };
  let snvId: number;

  before(async function () {
    this.timeout(60_000);
    useTestSecretInWorker();
    const db = getDb();
    await seedHoabinh(db);
    addr = new Map((await credentialsOf(db, await importRows(db, PEOPLE))).map((c) => [c.employeeCode, c.address]));
    snvId = (await db.models.Agency.findOne({ where: { code: 'SNV' } }))!.id;
    const officer = await buildUser(db, { role: 'hr', agencyId: snvId });
    hr = { ...(await loginAgent(testApp(db), officer.username, officer.password)), actor: actorOf(officer.user) };
  });

  describe('flaw 1: a roster row with another agency\'s employee code under the officer\'s own agency', () => {
    const row = [{ employee_code: 'PF-STC-1', full_name: 'Phạm Thị Hương', agency_code: 'SNV', position: 'Kế toán' }];

    it('on the web: the preview names the row and the field, and neither a confirm nor skip-invalid moves anyone', async () => {
      const db = getDb();
      const before = await mailbox(db, addr.get('PF-STC-1')!);
      const up = await upload(hr.agent, '/hr/roster/upload', hr.csrf, 'r.csv', rosterCsv(row)).expect(201);
      const page = await hr.agent.get(up.body.next).expect(200);
      expect(page.text).to.match(/<td>2<\/td><td><code translate="no">agency_code<\/code><\/td><td>Mã cán bộ PF-STC-1 thuộc một cơ quan khác/);
      expect(page.text, 'the other agency is not named').not.to.contain('Sở Tài chính');
      await hr.agent.post(`${up.body.next}/confirm`).type('form').send({ _csrf: hr.csrf }).expect(303);
      const up2 = await upload(hr.agent, '/hr/roster/upload', hr.csrf, 'r.csv', rosterCsv(row)).expect(201);
      await hr.agent.post(`${up2.body.next}/confirm`).type('form').send({ _csrf: hr.csrf, skip_invalid: '1' }).expect(303);
      await runJobs(db);
      expect(await mailbox(db, addr.get('PF-STC-1')!)).to.deep.equal(before);
      expect((await db.models.Staff.findOne({ where: { employee_code: 'PF-STC-1' } }))!.agency_id).to.equal(before.agency_id);
      expect(await db.models.AuditLog.count({ where: { action: ['roster.move', 'mailbox.transfer'] } })).to.equal(0);
    });

    it('through the service: the same row is an error {row, field: agency_code} and nothing is written', async () => {
      const db = getDb();
      const r = await importRoster(db, await parseTable(Buffer.from(rosterCsv(row)), 'r.csv'), { actor: hr.actor, secretKey: TEST_SECRET });
      expect(r.written).to.equal(false);
      expect(r.errors.map((e) => [e.row, e.field])).to.deep.equal([[2, 'agency_code']]);
      const skipped = await importRoster(db, await parseTable(Buffer.from(rosterCsv(row)), 'r.csv'), { actor: hr.actor, secretKey: TEST_SECRET, skipInvalid: true });
      expect(skipped.updated + skipped.created).to.equal(0);
      expect((await db.models.Staff.findOne({ where: { employee_code: 'PF-STC-1' } }))!.agency_id).not.to.equal(snvId);
    });

    it('and no reset of that person\'s mailbox is possible afterwards: it looks absent, on the web and in the service', async () => {
      const db = getDb();
      const address = addr.get('PF-STC-1')!;
      const hash = (await mailbox(db, address)).password_hash;
      for (const confirm of [undefined, '1']) await hr.agent.post(`/hr/mailboxes/${address}/password`).type('form').send({ _csrf: hr.csrf, confirm }).expect(404);
      expect((await refusal(setMailboxPassword(db, address, { actor: hr.actor }))).status).to.equal(404);
      expect((await mailbox(db, address)).password_hash).to.equal(hash);
    });
  });

  describe('flaw 2: a reset never reaches past the officer, nor hands over a role', () => {
    let provinceAdmin: string;
    let leader: string;

    before(async () => {
      const db = getDb();
      provinceAdmin = addr.get('PF-SNV-2')!;
      leader = addr.get('PF-SNV-3')!;
      // The director's account is a province admin; a colleague's is their agency's leader. Both chose their own
      // password on the web, which is also their mailbox password.
      for (const [address, role, agencyId] of [[provinceAdmin, 'admin', null], [leader, 'leader', snvId]] as const) {
        await setMailboxPassword(db, address, { actor: TEST_ACTOR, password: OWN_PASSWORD, mustChange: false });
        const hash = (await mailbox(db, address)).password_hash;
        await db.models.User.update({ role, agency_id: agencyId, password_hash: hash, must_change_password: false }, { where: { username: address } });
      }
    });

    it("refuses the agency officer a reset, suspension, alias or transfer of a mailbox linked to a province admin", async () => {
      const db = getDb();
      const before = await mailbox(db, provinceAdmin);
      // Not even the confirmation step is offered, and a forged confirmed post is refused the same way.
      const ask = await hr.agent.post(`/hr/mailboxes/${provinceAdmin}/password`).type('form').send({ _csrf: hr.csrf }).expect(403);
      expect(ask.text).to.contain('gắn với tài khoản có vai trò cao hơn').and.not.contain('data-testid="confirm"');
      const res = await hr.agent.post(`/hr/mailboxes/${provinceAdmin}/password`).type('form').send({ _csrf: hr.csrf, confirm: '1' }).expect(403);
      expect(res.text).not.to.contain('data-testid="new-password"');
      for (const confirm of [undefined, '1']) await hr.agent.post(`/hr/mailboxes/${provinceAdmin}/suspend`).type('form').send({ _csrf: hr.csrf, confirm }).expect(403);
      const domain = provinceAdmin.split('@')[1];
      await hr.agent.post(`/hr/mailboxes/${provinceAdmin}/alias-add`).type('form').send({ _csrf: hr.csrf, alias: `giamdoc@${domain}` }).expect(403);
      for (const call of [
        setMailboxPassword(db, provinceAdmin, { actor: hr.actor }),
        suspendMailbox(db, provinceAdmin, { actor: hr.actor }),
        addAlias(db, { address: `giamdoc@${domain}`, goto: provinceAdmin, actor: hr.actor }),
      ]) expect(await refusal(call)).to.include({ id: 'mailbox.out_of_reach', status: 403 });
      expect(await refusal(transferStaff(db, { who: provinceAdmin, toAgencyCode: 'STC', actor: hr.actor }))).to.include({ status: 403 });
      expect(await mailbox(db, provinceAdmin)).to.deep.equal(before);
      expect((await submitLogin(testApp(db), provinceAdmin, OWN_PASSWORD)).res.status, 'the admin still signs in').to.equal(303);
    });

    it('where a reset is allowed (a leader of the same agency), the password it gives opens the mailbox, never the web role', async () => {
      const db = getDb();
      const ask = await hr.agent.post(`/hr/mailboxes/${leader}/password`).type('form').send({ _csrf: hr.csrf }).expect(200);
      expect(ask.text).to.contain('data-testid="confirm"');
      const res = await hr.agent.post(`/hr/mailboxes/${leader}/password`).type('form').send({ _csrf: hr.csrf, confirm: '1' }).expect(200);
      const reset = /data-testid="new-password"><code>([^<]+)<\/code>/.exec(res.text)![1]!;
      const intruder = await submitLogin(testApp(db), leader, reset);
      expect(intruder.res.status, 'signing in as the leader with the reset password').to.equal(401);
      await intruder.agent.get('/metrics').set('Accept', 'application/json').expect(401);
      // The leader's own password still opens the account (asked to change it, which makes the mailbox theirs again).
      const own = await submitLogin(testApp(db), leader, OWN_PASSWORD);
      expect(own.res.headers.location).to.equal('/account/password');
      expect((await own.agent.get('/account/password').expect(200)).text).to.contain('Lãnh đạo');
    });

    it("a reset of a staff account's mailbox opens only that person's own mailbox page, as the mailbox password already would", async () => {
      const db = getDb();
      const staff = addr.get('PF-SNV-1')!;
      const { password } = await setMailboxPassword(db, staff, { actor: hr.actor });
      const { agent, res } = await submitLogin(testApp(db), staff, password!);
      expect(res.headers.location).to.equal('/account/password');
      const form = await agent.get('/account/password').expect(200);
      const next = 'Mat-khau-nguoi-khac-dat-2026';
      await agent.post('/account/password').type('form').send({ _csrf: csrfOf(form.text), current: password, password: next, confirm: next }).expect(303);
      expect((await db.models.User.findOne({ where: { username: staff } }))!.role).to.equal('staff');
      await agent.get('/hr/mailboxes').set('Accept', 'application/json').expect(403);
      await agent.get('/account/mailbox').expect(200);
    });
  });

  describe('flaw 3: an agency-scoped admin rewrites no agency and adds no domain', () => {
    let scoped: { agent: Agent; csrf: string; actor: Actor };

    before(async () => {
      const db = getDb();
      const admin = await buildUser(db, { role: 'admin', agencyId: snvId });
      scoped = { ...(await loginAgent(testApp(db), admin.username, admin.password)), actor: actorOf(admin.user) };
    });

    it('on the web: /admin/agencies and its import answer 403, and the menu does not offer them', async () => {
      await scoped.agent.get('/admin/agencies').expect(403);
      const org = 'code,name,kind,parent_code,mail_domain,hotline_address\nSTC,Bị sửa,department,UBND,evil.example,\n';
      await upload(scoped.agent, '/admin/agencies/upload', scoped.csrf, 'org.csv', org).expect(403);
      const home = await scoped.agent.get('/').expect(200);
      expect(home.text).not.to.contain('href="/admin/agencies"');
    });

    it('through the service: the org import and a domain migration are refused, and nothing changes', async () => {
      const db = getDb();
      const agencies = await db.models.Agency.findAll({ order: [['id', 'ASC']], raw: true });
      const domains = await db.models.MailDomain.count();
      const org = 'code,name,kind,parent_code,mail_domain,hotline_address\nSTC,Bị sửa,department,UBND,evil.example,\nNEW,Mới,department,UBND,new.example,\n';
      const table = await parseTable(Buffer.from(org), 'org.csv');
      expect(await refusal(importOrg(db, table, { actor: scoped.actor }))).to.include({ id: 'org.province_only', status: 403 });
      expect(await refusal(importOrg(db, table, { actor: scoped.actor, dryRun: true }))).to.include({ id: 'org.province_only' });
      expect(await refusal(migrateDomain(db, { from: 'hoabinh.gov.vn', to: 'evil.example', actor: scoped.actor }))).to.include({ id: 'org.province_only' });
      expect(await db.models.Agency.findAll({ order: [['id', 'ASC']], raw: true })).to.deep.equal(agencies);
      expect(await db.models.MailDomain.count()).to.equal(domains);
    });
  });
});
