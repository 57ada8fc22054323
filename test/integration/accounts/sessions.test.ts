// Issue 11 item 5, the session cases: a password change asks for the current password and ends the account's
// other sessions (not this one); a session ends at its absolute lifetime however busy, and after the idle one;
// the session check refuses a disabled account or a linked mailbox that is suspended or left, even when the path
// that changed it ended no session; a successful sign-in does not count toward the IP limiter; cookies are
// Secure behind an https proxy. (Suspend and leaver through the HR services: mailbox-accounts.test.ts.)
import { expect } from 'chai';
import request from 'supertest';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { testApp, buildUser, csrfOf, submitLogin, loginAgent, type Agent } from '../../support/web.js';
import { credentialsOf, importRows, seedHoabinh, TEST_ACTOR } from '../../support/provisioning-fixtures.js';
import { setMailboxPassword } from '../../../server/services/provisioning/mailbox-lifecycle.js';

const NEW_PASSWORD = 'Mat-khau-moi-cua-toi-2026';

const signedIn = async (agent: Agent): Promise<boolean> => (await agent.get('/').set('Accept', 'text/html')).status === 200;
const sessionsOf = (db: TestDb, userId: number) => db.models.Session.count({ where: { user_id: userId } });

async function changePassword(agent: Agent, fields: { current: string; password: string; confirm?: string }) {
  const form = await agent.get('/account/password').expect(200);
  return agent.post('/account/password').type('form').send({ _csrf: csrfOf(form.text), confirm: fields.password, ...fields });
}

forEachDb('sessions (issue 11 item 5)', (getDb) => {
  describe('password change', () => {
    it('ends the other sessions of the account and keeps the one that made the change', async () => {
      const db = getDb();
      const u = await buildUser(db);
      const here = await loginAgent(testApp(db), u);
      const elsewhere = await loginAgent(testApp(db), u);
      const other = await loginAgent(testApp(db), await buildUser(db));
      expect(await sessionsOf(db, u.user.id)).to.equal(2);
      const res = await changePassword(here.agent, { current: u.password, password: NEW_PASSWORD });
      expect(res.status).to.equal(303);
      expect(await signedIn(here.agent), 'the session that changed it').to.equal(true);
      expect(await signedIn(elsewhere.agent), 'the other session').to.equal(false);
      expect(await signedIn(other.agent), "another account's session").to.equal(true);
      expect(await sessionsOf(db, u.user.id)).to.equal(1);
      const row = await db.models.AuditLog.findOne({ where: { action: 'user.password_change', target: `user:${u.username}` } });
      expect(JSON.parse(row!.details!)).to.deep.include({ endedSessions: 1 });
      expect((await submitLogin(testApp(db), u.username, NEW_PASSWORD)).res.status).to.equal(303);
    });

    it('refuses a wrong or missing current password, naming the field, and changes nothing', async () => {
      const db = getDb();
      const u = await buildUser(db);
      const here = await loginAgent(testApp(db), u);
      const elsewhere = await loginAgent(testApp(db), u);
      const wrong = await changePassword(here.agent, { current: 'not-my-password-2026', password: NEW_PASSWORD });
      expect(wrong.status).to.equal(422);
      expect(wrong.text).to.contain('Mật khẩu hiện tại không đúng.');
      const missing = await changePassword(here.agent, { current: '', password: NEW_PASSWORD });
      expect(missing.status).to.equal(422);
      expect(missing.text).to.contain('Vui lòng nhập mật khẩu hiện tại.');
      expect(await signedIn(elsewhere.agent), 'no session ends on a refused change').to.equal(true);
      expect((await submitLogin(testApp(db), u.username, NEW_PASSWORD)).res.status).to.equal(401);
      expect((await submitLogin(testApp(db), u.username, u.password)).res.status).to.equal(303);
      expect(await db.models.AuditLog.count({ where: { action: 'user.password_change_refused', target: `user:${u.username}` } })).to.equal(1);
    });

    it('asks for the current password on the forced change too (the one-time password), and refuses reusing it', async () => {
      const db = getDb();
      const u = await buildUser(db, { mustChangePassword: true });
      const { agent } = await submitLogin(testApp(db), u.username, u.password);
      expect((await agent.get('/account/password').expect(200)).text).to.contain('name="current"');
      const same = await changePassword(agent, { current: u.password, password: u.password });
      expect(same.status).to.equal(422);
      expect(same.text).to.contain('Mật khẩu mới phải khác mật khẩu hiện tại.');
      expect((await changePassword(agent, { current: u.password, password: NEW_PASSWORD })).status).to.equal(303);
      await agent.get('/').expect(200);
    });
  });

  describe('lifetimes', () => {
    it('ends a session at its absolute lifetime even while it is in use', async () => {
      const db = getDb();
      const u = await buildUser(db);
      const app = testApp(db, { sessionLifetime: { idleMinutes: 120, maxHours: 12 } });
      const { agent } = await loginAgent(app, u);
      const [session] = await db.models.Session.findAll({ where: { user_id: u.user.id } });
      const absoluteEnd = session!.expires_at.getTime() - Date.now();
      expect(absoluteEnd, 'the idle window bounds a fresh session').to.be.at.most(120 * 60_000);
      // Signed in 12 hours ago and used a minute ago: busy, but past the absolute lifetime.
      await session!.update({ created_at: new Date(Date.now() - 12 * 3_600_000 - 1000), last_seen_at: new Date(Date.now() - 60_000), expires_at: new Date(Date.now() + 60 * 60_000) });
      expect(await signedIn(agent)).to.equal(false);
      expect(await sessionsOf(db, u.user.id), 'the row is deleted').to.equal(0);
    });

    it('never slides the expiry past the absolute end', async () => {
      const db = getDb();
      const u = await buildUser(db);
      const app = testApp(db, { sessionLifetime: { idleMinutes: 120, maxHours: 12 } });
      const { agent } = await loginAgent(app, u);
      const [session] = await db.models.Session.findAll({ where: { user_id: u.user.id } });
      const createdAt = Date.now() - 11 * 3_600_000; // one hour of the twelve left: less than the idle window
      await session!.update({ created_at: new Date(createdAt), last_seen_at: new Date(Date.now() - 5 * 60_000) });
      expect(await signedIn(agent)).to.equal(true);
      await session!.reload();
      expect(session!.expires_at.getTime()).to.equal(createdAt + 12 * 3_600_000);
    });

    it('ends a session left idle longer than the idle lifetime', async () => {
      const db = getDb();
      const u = await buildUser(db);
      const app = testApp(db, { sessionLifetime: { idleMinutes: 30, maxHours: 12 } });
      const { agent } = await loginAgent(app, u);
      const [session] = await db.models.Session.findAll({ where: { user_id: u.user.id } });
      expect(session!.expires_at.getTime() - session!.created_at.getTime()).to.equal(30 * 60_000);
      await session!.update({ last_seen_at: new Date(Date.now() - 31 * 60_000), expires_at: new Date(Date.now() - 60_000) });
      expect(await signedIn(agent)).to.equal(false);
    });
  });

  describe('the session check follows the account', () => {
    let address: string;
    let password: string;

    before(async function () {
      this.timeout(60_000);
      const db = getDb();
      await seedHoabinh(db);
      const creds = await credentialsOf(db, await importRows(db, [{ employee_code: 'SS1', full_name: 'Lường Văn Phúc', agency_code: 'STP', position: 'Chuyên viên' }]));
      address = creds[0]!.address;
      password = 'Mat-khau-phien-2026!';
      await setMailboxPassword(db, address, { actor: TEST_ACTOR, password, mustChange: false });
    });

    async function openMailboxSession(db: TestDb): Promise<Agent> {
      const user = await db.models.User.findOne({ where: { username: address } });
      await user!.update({ must_change_password: false, active: true });
      await db.models.Mailbox.update({ active: true, allow_login: true }, { where: { address } });
      const { agent, res } = await submitLogin(testApp(db), address, password);
      expect(res.status).to.equal(303);
      await agent.get('/account/mailbox').expect(200);
      return agent;
    }

    // Each case changes the row directly, as a path that forgot endUserSessions would (or Dovecot's admin).
    it('refuses the session of a user who has been disabled, and deletes it', async () => {
      const db = getDb();
      const u = await buildUser(db);
      const { agent } = await loginAgent(testApp(db), u);
      await db.models.User.update({ active: false }, { where: { id: u.user.id } });
      expect(await signedIn(agent)).to.equal(false);
      expect(await sessionsOf(db, u.user.id)).to.equal(0);
    });

    it('refuses the session of an account whose linked mailbox is suspended', async () => {
      const db = getDb();
      const agent = await openMailboxSession(db);
      await db.models.Mailbox.update({ allow_login: false }, { where: { address } });
      expect((await agent.get('/account/mailbox').set('Accept', 'text/html')).status).to.equal(303);
    });

    it('refuses the session of an account whose linked mailbox has left (inactive)', async () => {
      const db = getDb();
      const agent = await openMailboxSession(db);
      await db.models.Mailbox.update({ active: false }, { where: { address } });
      expect((await agent.get('/account/mailbox').set('Accept', 'text/html')).status).to.equal(303);
    });
  });

  describe('sign-in limiter and cookies', () => {
    it('counts only failed sign-ins toward the IP limit', async () => {
      const db = getDb();
      const u = await buildUser(db);
      const app = testApp(db, { loginRateLimit: 3 });
      for (let i = 0; i < 5; i++) expect((await submitLogin(app, u.username, u.password)).res.status, `sign-in ${i + 1}`).to.equal(303);
      for (let i = 0; i < 3; i++) expect((await submitLogin(app, u.username, 'wrong-password-123')).res.status).to.equal(401);
      expect((await submitLogin(app, u.username, u.password)).res.status, 'the fourth failure-counted attempt').to.equal(429);
    });

    it('sets the session cookie Secure when configured, and over https through a trusted proxy', async () => {
      const db = getDb();
      const u = await buildUser(db);
      // By hand, not with an agent: a client over plain http (supertest) rightly holds back Secure cookies.
      async function signIn(app: ReturnType<typeof testApp>, headers: Record<string, string> = {}): Promise<string> {
        const page = await request(app).get('/login').set(headers).expect(200);
        const pre = ([] as string[]).concat(page.headers['set-cookie'] ?? []).find((c) => c.startsWith('gm_pre='))!.split(';')[0]!;
        const res = await request(app).post('/login').set(headers).set('Cookie', pre).type('form')
          .send({ _csrf: csrfOf(page.text), username: u.username, password: u.password });
        expect(res.status).to.equal(303);
        return ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('gm_sid='))!;
      }
      expect(await signIn(testApp(db, { secureCookies: true }))).to.match(/;\s*Secure/i);
      expect(await signIn(testApp(db))).to.not.match(/;\s*Secure/i);
      // No setting at all, behind a trusted proxy that terminated https (X-Forwarded-Proto).
      expect(await signIn(testApp(db, { trustProxy: 1 }), { 'X-Forwarded-Proto': 'https' })).to.match(/;\s*Secure/i);
      // An untrusted client claiming https changes nothing.
      expect(await signIn(testApp(db, { trustProxy: false }), { 'X-Forwarded-Proto': 'https' })).to.not.match(/;\s*Secure/i);
    });
  });
});
