// A provisioned person in a real browser, at phone width: signs in with the password of their credential
// sheet, is made to change it, and reads "Hộp thư của tôi". Screenshots go to SCREENSHOT_DIR when it is set.
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { startE2e, submitLoginForm, type E2e } from '../support/browser.js';
import { credentialsOf, importRows, seedHoabinh } from '../support/provisioning-fixtures.js';

const SHOTS = process.env.SCREENSHOT_DIR;
const NEW_PASSWORD = 'Hop-thu-cua-toi-2026!';

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `own-mailbox-${name}.png`), fullPage: true });
}

/** Wider content than the viewport means a sideways scroll on a phone. */
const overflows = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);

describe('e2e: a provisioned person signs in with their official mailbox', function () {
  this.timeout(120_000);
  let e2e: E2e;
  let address: string;
  let initial: string;

  before(async () => {
    e2e = await startE2e();
    await seedHoabinh(e2e.db);
    const [cred] = await credentialsOf(e2e.db, await importRows(e2e.db, [{ employee_code: 'OM1', full_name: 'Hoàng Thị Thu Trang', agency_code: 'SNV', position: 'Chuyên viên' }]));
    ({ address, password: initial } = cred!);
  });
  after(async () => {
    await e2e?.stop();
  });

  it('changes the sheet password first, then sees only the home and "Hộp thư của tôi", without sideways scrolling', async () => {
    const page = await e2e.newPage({ viewport: { width: 390, height: 844 } });
    await submitLoginForm(page, address, initial);
    await page.waitForURL('**/account/password');
    await shot(page, 'forced-change');
    if (await page.$('input[name=current]')) await page.fill('input[name=current]', initial);
    await page.fill('input[name=password]', NEW_PASSWORD);
    await page.fill('input[name=confirm]', NEW_PASSWORD);
    await page.click('form[action="/account/password"] button[type=submit]');
    await page.waitForSelector('[data-testid=staff-home]');
    expect(await page.$$eval('a.nav-link', (as) => as.map((a) => a.getAttribute('href')))).to.deep.equal(['/', '/account/mailbox']);

    await page.click('[data-testid=open-own-mailbox]');
    await page.waitForSelector('[data-testid=own-mailbox-title]');
    expect(await page.textContent('[data-testid=own-address]')).to.equal(address);
    expect(await page.textContent('[data-testid=own-quota]')).to.equal('2 GB');
    expect(await page.textContent('[data-testid=own-use]')).to.contain('chưa báo');
    await shot(page, 'page-390');
    expect(await overflows(page), 'no sideways scroll at 390 px').to.equal(false);
    await page.close();
  });
});
