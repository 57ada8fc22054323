// The web account follows its person's mailbox (services/auth/mailbox-accounts.ts), whatever path changes the
// mailbox: the HR services, the roster import and a transfer. Suspending ends open web sessions at once; a
// leaver's account is disabled and a restore enables it; a transfer moves the account to the new agency and
// takes back a role granted in the old one (audited with from and to).
import { expect } from 'chai';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { testApp, csrfOf, submitLogin, buildUser, type Agent } from '../../support/web.js';
import { credentialsOf, importRows, seedHoabinh, TEST_SECRET, writeRoster, TEST_ACTOR } from '../../support/provisioning-fixtures.js';
import { importRosterFile } from '../../../server/services/provisioning/roster-import.js';
import { markLeaver, restoreMailbox, setMailboxPassword, suspendMailbox } from '../../../server/services/provisioning/mailbox-lifecycle.js';
import { transferStaff } from '../../../server/services/provisioning/transfer.js';

const PASSWORD = 'Mat-khau-rieng-2026!';

/** An open web session of the mailbox's account: signed in with the mailbox password, past the forced change. */
async function openSession(db: TestDb, address: string): Promise<Agent> {
  await setMailboxPassword(db, address, { actor: TEST_ACTOR, password: PASSWORD, mustChange: false });
  const user = await db.models.User.findOne({ where: { username: address } });
  await user!.update({ must_change_password: false, password_hash: (await db.models.Mailbox.findOne({ where: { address } }))!.password_hash });
  const { agent, res } = await submitLogin(testApp(db), address, PASSWORD);
  expect(res.status, `sign-in of ${address}`).to.equal(303);
  await agent.get('/account/mailbox').expect(200);
  return agent;
}

const signedOut = async (agent: Agent): Promise<boolean> => (await agent.get('/account/mailbox').set('Accept', 'text/html')).status === 303;
const account = async (db: TestDb, username: string) => (await db.models.User.findOne({ where: { username } }))?.get({ plain: true });

forEachDb('the web account follows the mailbox', (getDb) => {
  let addr: Map<string, string>;

  before(async function () {
    this.timeout(60_000);
    const db = getDb();
    await seedHoabinh(db);
    const people = ['AC1', 'AC2', 'AC3', 'AC4', 'AC5', 'AC6'].map((code, i) => ({
      employee_code: code, full_name: ['Lò Văn Thắng', 'Hà Thị Mai', 'Bùi Văn Nam', 'Đinh Công Tráng', 'Quách Thị Hoa', 'Xa Văn Minh'][i]!, agency_code: 'STP', position: 'Chuyên viên',
    }));
    addr = new Map((await credentialsOf(db, await importRows(db, people))).map((c) => [c.employeeCode, c.address]));
  });

  it('one account per new mailbox: role staff, the agency of the mailbox, and no second account on a re-import', async () => {
    const db = getDb();
    const stp = await db.models.Agency.findOne({ where: { code: 'STP' } });
    const users = await db.models.User.findAll({ where: { username: [...addr.values()] } });
    expect(users).to.have.length(6);
    for (const u of users) expect(u.get({ plain: true })).to.include({ role: 'staff', agency_id: stp!.id, active: true });
    expect(new Set(users.map((u) => u.mailbox_id)).size).to.equal(6);
  });

  it('suspending the mailbox ends its open web session at once, and the sign-in is refused until restored', async () => {
    const db = getDb();
    const a = addr.get('AC1')!;
    const agent = await openSession(db, a);
    await suspendMailbox(db, a, { actor: TEST_ACTOR });
    expect(await signedOut(agent), 'the open session is gone').to.equal(true);
    expect((await submitLogin(testApp(db), a, PASSWORD)).res.status).to.equal(401);
    expect((await account(db, a))!.active, 'a suspension does not disable the account itself').to.equal(true);
    await restoreMailbox(db, a, { actor: TEST_ACTOR });
    expect((await submitLogin(testApp(db), a, PASSWORD)).res.status).to.equal(303);
  });

  it('a leaver loses the open session and the account is disabled; a restore enables it again', async () => {
    const db = getDb();
    const a = addr.get('AC2')!;
    const agent = await openSession(db, a);
    await markLeaver(db, a, { actor: TEST_ACTOR });
    expect(await signedOut(agent)).to.equal(true);
    expect((await account(db, a))!.active).to.equal(false);
    const row = await db.models.AuditLog.findOne({ where: { action: 'mailbox.leaver', target: a }, raw: true });
    expect(JSON.parse(row!.details!)).to.deep.equal({ person: { employee_code: 'AC2', name: 'Hà Thị Mai' }, accounts_disabled: [a] });
    await restoreMailbox(db, a, { actor: TEST_ACTOR });
    expect((await account(db, a))!.active).to.equal(true);
  });

  it('a leaver row of a re-import disables the account and ends its sessions; a rejoin row enables it', async () => {
    const db = getDb();
    const a = addr.get('AC3')!;
    const agent = await openSession(db, a);
    const row = { employee_code: 'AC3', full_name: 'Bùi Văn Nam', agency_code: 'STP', position: 'Chuyên viên' };
    const withStatus = (status: string) => importRosterFile(db, writeRoster([{ ...row, status }], [...Object.keys(row), 'status']), { actor: TEST_ACTOR, secretKey: TEST_SECRET });
    expect((await withStatus('left')).updated).to.equal(1);
    expect(await signedOut(agent)).to.equal(true);
    expect((await account(db, a))!.active).to.equal(false);
    expect((await withStatus('active')).updated).to.equal(1);
    expect((await account(db, a))!.active).to.equal(true);
    expect((await submitLogin(testApp(db), a, PASSWORD)).res.status).to.equal(303);
  });

  it('people missing from a roster imported with disableMissing lose their accounts too', async () => {
    const db = getDb();
    const a = addr.get('AC4')!;
    const agent = await openSession(db, a);
    const keep = ['AC1', 'AC2', 'AC3', 'AC5', 'AC6'].map((code) => ({ employee_code: code }));
    const names = new Map((await db.models.Staff.findAll({ raw: true })).map((s) => [s.employee_code, s.full_name]));
    await importRows(db, keep.map((k) => ({ ...k, full_name: names.get(k.employee_code)!, agency_code: 'STP', position: 'Chuyên viên' })), { disableMissing: true });
    expect(await signedOut(agent)).to.equal(true);
    expect((await account(db, a))!.active).to.equal(false);
  });

  it('a transfer moves the account with the mailbox and takes back the role held in the old agency (audited)', async () => {
    const db = getDb();
    const a = addr.get('AC5')!;
    await openSession(db, a);
    await db.models.User.update({ role: 'hr' }, { where: { username: a } });
    const moved = await transferStaff(db, { who: 'AC5', toAgencyCode: 'SYT', actor: TEST_ACTOR });
    const syt = await db.models.Agency.findOne({ where: { code: 'SYT' } });
    expect(await account(db, a)).to.include({ role: 'staff', agency_id: syt!.id });
    const dropped = await db.models.AuditLog.findOne({ where: { action: 'user.role_dropped', target: `user:${a}` }, raw: true });
    expect(JSON.parse(dropped!.details!)).to.deep.equal({ role: { from: 'hr', to: 'staff' }, agency: { from: 'STP', to: 'SYT' }, reason: 'transfer' });
    // The person signs in with the new address as well as with the username they had.
    for (const name of [moved.to, a]) expect((await submitLogin(testApp(db), name, PASSWORD)).res.status, name).to.equal(303);
  });

  it('a province-wide account keeps its role and scope through a transfer', async () => {
    const db = getDb();
    const a = addr.get('AC6')!;
    await db.models.User.update({ role: 'leader', agency_id: null }, { where: { username: a } });
    await transferStaff(db, { who: 'AC6', toAgencyCode: 'SYT', actor: TEST_ACTOR });
    expect(await account(db, a)).to.include({ role: 'leader', agency_id: null });
  });

  it('an existing account named after a new address is linked to the mailbox, not duplicated', async () => {
    const db = getDb();
    const { user } = await buildUser(db, { username: 'tuanlv@stp.hoabinh.gov.vn', role: 'agent', agencyId: (await db.models.Agency.findOne({ where: { code: 'STP' } }))!.id });
    const [cred] = await credentialsOf(db, await importRows(db, [{ employee_code: 'AC7', full_name: 'Lê Văn Tuấn', agency_code: 'STP', position: 'Chuyên viên' }]));
    expect(cred!.address).to.equal('tuanlv@stp.hoabinh.gov.vn');
    const box = await db.models.Mailbox.findOne({ where: { address: cred!.address } });
    const linked = await db.models.User.findAll({ where: { username: cred!.address } });
    expect(linked).to.have.length(1);
    expect(linked[0]!.get({ plain: true })).to.include({ id: user.id, role: 'agent', mailbox_id: box!.id });
  });

  it('the web password change of a linked account is the mailbox password; the form needs the CSRF token', async () => {
    const db = getDb();
    const a = addr.get('AC1')!;
    const agent = await openSession(db, a);
    const form = await agent.get('/account/password').expect(200);
    const next = 'Mat-khau-thu-hai-2026!';
    await agent.post('/account/password').type('form').send({ _csrf: csrfOf(form.text), current: PASSWORD, password: next, confirm: next }).expect(303);
    expect((await submitLogin(testApp(db), a, next)).res.status).to.equal(303);
  });
});
