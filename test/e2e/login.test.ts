import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import type { Server } from 'node:http';
import { freshDb, type TestDb } from '../support/databases.js';
import { testApp, buildUser, listenOnFreePort } from '../support/web.js';
import { launchBrowser } from '../support/browser.js';

describe('e2e: login in a real browser', function () {
  this.timeout(60_000);
  let db: TestDb;
  let server: Server;
  let baseUrl: string;
  let browser: Browser;

  before(async () => {
    db = await freshDb('sqlite');
    ({ server, baseUrl } = await listenOnFreePort(testApp(db)));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    server?.close();
    await db?.destroy();
  });

  it('logs in, sees the home page, and logs out', async () => {
    const { username, password } = await buildUser(db, { displayName: 'Đặng Thị Ánh Nguyệt', role: 'leader' });
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/`);
    expect(new URL(page.url()).pathname).to.equal('/login');
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', password);
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=home-title]');
    expect(await page.textContent('[data-testid=home-title]')).to.contain('Đặng Thị Ánh Nguyệt');
    expect(await page.textContent('[data-testid=who]')).to.contain('Lãnh đạo');
    await page.click('[data-testid=logout]');
    await page.waitForSelector('[data-testid=login-submit]');
    await page.goto(`${baseUrl}/`);
    expect(new URL(page.url()).pathname).to.equal('/login');
    await page.close();
  });

  it('shows the wrong-password error on the page', async () => {
    const { username } = await buildUser(db);
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', 'not-the-password-1');
    await page.click('[data-testid=login-submit]');
    expect(await page.textContent('[data-testid=login-error]')).to.contain('không đúng');
    await page.close();
  });
});
