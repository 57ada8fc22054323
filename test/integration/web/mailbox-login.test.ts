// Web login with the mailbox password (services/auth/mailbox-link.ts): the staff account a roster import makes
// for each mailbox (users.mailbox_id) logs in with that mailbox's password, is forced to change an initial
// password (which then becomes the mailbox's password too), is refused while the mailbox is suspended, and
// records last_login_at. An account holding a role keeps its own web password (flaw 2: see privilege-flaws).
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { testApp, buildUser, csrfOf, submitLogin } from '../../support/web.js';
import { credentialsOf, importRows, seedHoabinh, TEST_ACTOR } from '../../support/provisioning-fixtures.js';
import { verifyPassword } from '../../../server/services/crypto/password-hash.js';
import { suspendMailbox, restoreMailbox, setMailboxPassword } from '../../../server/services/provisioning/mailbox-lifecycle.js';
import { coverage } from '../../../server/services/provisioning/coverage.js';

forEachDb('web login with the mailbox password', (getDb) => {
  let address: string;
  let initial: string;
  let chosen: string;
  before(async () => {
    const db = getDb();
    await seedHoabinh(db);
    const r = await importRows(db, [{ employee_code: 'ML1', full_name: 'Bùi Thị Thu Hà', agency_code: 'STP', position: 'Chuyên viên' }]);
    const [cred] = await credentialsOf(db, r);
    address = cred!.address;
    initial = cred!.password;
  });

  it('logs in with the initial mailbox password, forces the change, and records last_login_at', async () => {
    const db = getDb();
    const before = await coverage(db, { agencyCode: 'STP' });
    expect(before.agencies[0]!.never_logged_in).to.equal(1);
    const { agent, res } = await submitLogin(testApp(db), address, initial);
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/account/password');
    await agent.get('/account/mailbox').set('Accept', 'text/html').expect(303).expect('location', '/account/password');
    const box = await db.models.Mailbox.findOne({ where: { address } });
    expect(box!.last_login_at).to.be.instanceOf(Date);
    expect((await coverage(db, { agencyCode: 'STP' })).agencies[0]!.never_logged_in).to.equal(0);

    const form = await agent.get('/account/password').expect(200);
    chosen = 'Mat-khau-moi-2026!';
    await agent.post('/account/password').type('form').send({ _csrf: csrfOf(form.text), current: initial, password: chosen, confirm: chosen }).expect(303);
    const changed = await db.models.Mailbox.findOne({ where: { address } });
    expect(changed!.must_change_password).to.equal(false);
    expect(changed!.password_hash).to.match(/^\{BLF-CRYPT\}/);
    expect(await verifyPassword(chosen, changed!.password_hash), 'the new password is the IMAP password too').to.equal(true);
    await agent.get('/account/mailbox').expect(200);

    const again = await submitLogin(testApp(db), address, chosen);
    expect(again.res.headers.location).to.equal('/');
  });

  it("a staff account's password is its mailbox's: a reset by HR is the web password too, to be changed at once", async () => {
    const db = getDb();
    const reset = await setMailboxPassword(db, address, { actor: TEST_ACTOR });
    expect((await submitLogin(testApp(db), address, chosen)).res.status, 'the password before the reset').to.equal(401);
    const { res } = await submitLogin(testApp(db), address, reset.password!);
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/account/password');
    await setMailboxPassword(db, address, { actor: TEST_ACTOR, password: chosen, mustChange: false });
  });

  it('refuses a suspended mailbox and lets it in again after restore', async () => {
    const db = getDb();
    await suspendMailbox(db, address, { actor: TEST_ACTOR });
    const refused = await submitLogin(testApp(db), address, chosen);
    expect(refused.res.status).to.equal(401);
    expect(refused.res.text).to.contain('Tài khoản đã bị vô hiệu hóa.');
    expect(await db.models.AuditLog.count({ where: { actor: address, action: 'auth.login_failed' } })).to.be.at.least(1);
    await restoreMailbox(db, address, { actor: TEST_ACTOR });
    const ok = await submitLogin(testApp(db), address, chosen);
    expect(ok.res.status).to.equal(303);
  });

  it('leaves ordinary (unlinked) users on their own password', async () => {
    const db = getDb();
    const { username, password } = await buildUser(db, { role: 'agent' });
    const { res } = await submitLogin(testApp(db), username, password);
    expect(res.headers.location).to.equal('/');
  });
});
