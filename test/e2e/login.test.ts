import { expect } from 'chai';
import { buildUser } from '../support/web.js';
import { startE2e, loginInBrowser, submitLoginForm, type E2e } from '../support/browser.js';

describe('e2e: login in a real browser', function () {
  this.timeout(60_000);
  let e2e: E2e;

  before(async () => {
    e2e = await startE2e();
  });
  after(async () => {
    await e2e?.stop();
  });

  it('logs in, sees the home page, and logs out', async () => {
    const { username, password } = await buildUser(e2e.db, { displayName: 'Đặng Thị Ánh Nguyệt', role: 'leader' });
    const page = await e2e.newPage();
    await page.goto(`${e2e.baseUrl}/`);
    expect(new URL(page.url()).pathname).to.equal('/login');
    await loginInBrowser(page, username, password);
    expect(await page.textContent('[data-testid=home-title]')).to.contain('Đặng Thị Ánh Nguyệt');
    expect(await page.textContent('[data-testid=who]')).to.contain('Lãnh đạo');
    await page.click('[data-testid=logout]');
    await page.waitForSelector('[data-testid=login-submit]');
    await page.goto(`${e2e.baseUrl}/`);
    expect(new URL(page.url()).pathname).to.equal('/login');
    await page.close();
  });

  it('shows the wrong-password error on the page', async () => {
    const { username } = await buildUser(e2e.db);
    const page = await e2e.newPage();
    await submitLoginForm(page, username, 'not-the-password-1');
    expect(await page.textContent('[data-testid=login-error]')).to.contain('không đúng');
    await page.close();
  });
});
