import { expect } from 'chai';
import request from 'supertest';
import { forEachDb } from '../../support/databases.js';
import { testApp, buildUser, csrfOf, loginAgent, submitLogin } from '../../support/web.js';

forEachDb('web login', (getDb) => {
  it('/healthz answers ok when the database is reachable', async () => {
    const res = await request(testApp(getDb())).get('/healthz').expect(200);
    expect(res.body).to.deep.equal({ status: 'ok', db: 'ok' });
  });

  it('redirects an anonymous visitor to the login page, and answers 401 JSON to an API client', async () => {
    const app = testApp(getDb());
    const page = await request(app).get('/').set('Accept', 'text/html').expect(303);
    expect(page.headers.location).to.equal('/login?next=%2F');
    const api = await request(app).get('/').set('Accept', 'application/json').expect(401);
    expect(api.body.error.id).to.equal('error.unauthenticated');
  });

  it('logs in with the right password, shows the home page in Vietnamese, and logs out', async () => {
    const db = getDb();
    const { username, password } = await buildUser(db, { displayName: 'Nguyễn Thị Hoà' });
    const { agent, res } = await submitLogin(testApp(db), username, password);
    expect(res.status).to.equal(303);
    const home = await agent.get('/').expect(200);
    expect(home.text).to.contain('Xin chào, Nguyễn Thị Hoà');
    const csrf = csrfOf(home.text);
    await agent.post('/logout').type('form').send({ _csrf: csrf }).expect(200);
    await agent.get('/').set('Accept', 'text/html').expect(303);
    expect(await db.models.AuditLog.count({ where: { actor: username, action: 'auth.logout' } })).to.equal(1);
  });

  it('shows a clear error for a wrong password, audit-logs it, and locks the account after five failures', async () => {
    const db = getDb();
    const { username, password } = await buildUser(db);
    const app = testApp(db);
    const first = await submitLogin(app, username, 'wrong-password-123');
    expect(first.res.status).to.equal(401);
    expect(first.res.text).to.contain('Tên đăng nhập hoặc mật khẩu không đúng.');
    for (let i = 0; i < 4; i++) await submitLogin(app, username, 'wrong-password-123');
    const locked = await submitLogin(app, username, password);
    expect(locked.res.status).to.equal(401);
    expect(await db.models.AuditLog.count({ where: { actor: username, action: 'auth.login_failed' } })).to.equal(6);
  });

  it('issue 13 item 10 (sign-in messages): a locked account answers like a wrong password; the lock is recorded and an admin sees it', async () => {
    const db = getDb();
    const { username, password } = await buildUser(db);
    const app = testApp(db);
    const wrong = await submitLogin(app, username, 'wrong-password-123');
    for (let i = 0; i < 4; i++) await submitLogin(app, username, 'wrong-password-123');
    const lockedRight = await submitLogin(app, username, password);
    const lockedWrong = await submitLogin(app, username, 'wrong-password-123');
    const errorOf = (html: string) => /class="flash[^"]*"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? html;
    for (const locked of [lockedRight, lockedWrong]) {
      expect(locked.res.status).to.equal(wrong.res.status);
      expect(locked.res.text).to.contain('Tên đăng nhập hoặc mật khẩu không đúng.').and.not.contain('tạm khóa');
      expect(errorOf(locked.res.text)).to.equal(errorOf(wrong.res.text));
    }
    const user = (await db.models.User.findOne({ where: { username } }))!;
    expect(user.locked_until!.getTime()).to.be.greaterThan(Date.now());
    expect(await db.models.AuditLog.count({ where: { actor: username, action: 'auth.login_failed' } })).to.equal(7);
    const admin = await buildUser(db, { role: 'admin' });
    const { agent } = await loginAgent(app, admin.username, admin.password);
    const list = await agent.get('/admin/users').expect(200);
    const row = new RegExp(`<tr data-user="${username}">[\\s\\S]*?</tr>`).exec(list.text)?.[0] ?? '';
    expect(row).to.contain('Tạm khóa (đăng nhập sai)');
  });

  it('rate-limits repeated login attempts from one address and audit-logs the limit', async () => {
    const db = getDb();
    const app = testApp(db, { loginRateLimit: 3 });
    for (let i = 0; i < 3; i++) await submitLogin(app, 'nobody', 'wrong-password-123');
    const limited = await submitLogin(app, 'nobody', 'wrong-password-123');
    expect(limited.res.status).to.equal(429);
    expect(limited.res.text).to.contain('Quá nhiều lần thử');
    expect(await db.models.AuditLog.count({ where: { action: 'auth.rate_limited' } })).to.be.at.least(1);
  });

  it('issue 13 item 10 (rate-limit audit): a refused address is audited once per window, not once per request', async () => {
    const db = getDb();
    const before = await db.models.AuditLog.count({ where: { action: 'auth.rate_limited' } });
    const app = testApp(db, { loginRateLimit: 2 });
    for (let i = 0; i < 2; i++) await submitLogin(app, 'nobody', 'wrong-password-123');
    for (let i = 0; i < 8; i++) expect((await submitLogin(app, 'nobody', 'wrong-password-123')).res.status).to.equal(429);
    expect(await db.models.AuditLog.count({ where: { action: 'auth.rate_limited' } }) - before).to.equal(1);
  });

  it('refuses a form post without the CSRF token', async () => {
    const db = getDb();
    const { username, password } = await buildUser(db);
    const res = await request(testApp(db)).post('/login').type('form').send({ username, password }).set('Accept', 'application/json');
    expect(res.status).to.equal(403);
    expect(res.body.error.id).to.equal('error.csrf');
  });

  it('forces a password change after a one-time password, then lets the user in', async () => {
    const db = getDb();
    const { username, password } = await buildUser(db, { mustChangePassword: true });
    const { agent, res } = await submitLogin(testApp(db), username, password);
    expect(res.headers.location).to.equal('/account/password');
    await agent.get('/').set('Accept', 'text/html').expect(303).expect('location', '/account/password');
    const form = await agent.get('/account/password').expect(200);
    const csrf = csrfOf(form.text);
    const mismatch = await agent.post('/account/password').type('form').send({ _csrf: csrf, current: password, password: 'New-Password-2026', confirm: 'other' });
    expect(mismatch.status).to.equal(422);
    await agent.post('/account/password').type('form').send({ _csrf: csrf, current: password, password: 'New-Password-2026', confirm: 'New-Password-2026' }).expect(303);
    await agent.get('/').expect(200);
  });

  it('serves English when asked and remembers it', async () => {
    const db = getDb();
    const app = testApp(db);
    const agent = request.agent(app);
    const en = await agent.get('/login?lang=en').expect(200);
    expect(en.text).to.contain('Log in');
    const again = await agent.get('/login').expect(200);
    expect(again.text).to.contain('Username');
  });
});
