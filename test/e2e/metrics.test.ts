import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import type { Server } from 'node:http';
import { freshDb, type TestDb } from '../support/databases.js';
import { testApp, buildUser, listenOnFreePort } from '../support/web.js';
import { launchBrowser } from '../support/browser.js';
import { seedMetricsDataset } from '../integration/metrics/metrics-dataset.js';

/** Where the screenshot goes, for a human to look at after a run. */
export const METRICS_SCREENSHOT = path.join(os.tmpdir(), 'govmail-e2e', 'metrics.png');

describe('e2e: metrics charts in a real browser', function () {
  this.timeout(60_000);
  let db: TestDb;
  let server: Server;
  let baseUrl: string;
  let browser: Browser;

  before(async () => {
    db = await freshDb('sqlite');
    await seedMetricsDataset(db);
    ({ server, baseUrl } = await listenOnFreePort(testApp(db)));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    server?.close();
    await db?.destroy();
  });

  it('a province leader opens Thống kê from the menu and sees the three SVG charts drawn', async () => {
    const { username, password } = await buildUser(db, { role: 'leader', displayName: 'Hà Văn Lãnh Đạo' });
    const page = await browser.newPage({ viewport: { width: 1200, height: 1800 } });
    await page.goto(`${baseUrl}/login`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', password);
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=home-title]');
    await page.click('nav a[href="/metrics"]');
    await page.waitForSelector('[data-testid=metrics-title]');
    await page.fill('input[name=from]', '2026-02-01');
    await page.fill('input[name=to]', '2026-03-31');
    await Promise.all([page.waitForURL(/from=2026-02-01/), page.click('[data-testid=metrics-filters] button[type=submit]')]);

    for (const id of ['metrics-outcomes-chart', 'metrics-trend-chart', 'metrics-first-response-chart']) {
      const box = await page.locator(`[data-testid=${id}]`).boundingBox();
      expect(box, id).to.not.equal(null);
      expect(box!.width, id).to.be.greaterThan(300);
      expect(box!.height, id).to.be.greaterThan(40);
    }
    // The late segment of SYT is drawn in the late colour with a real width: the CSS and the geometry both apply.
    const late = page.locator('[data-testid=metrics-outcomes-chart] .seg-late').first();
    expect(await late.evaluate((el) => getComputedStyle(el).fill)).to.equal('rgb(179, 38, 30)');
    expect((await late.boundingBox())!.width).to.be.greaterThan(10);
    expect(await page.locator('[data-testid=metrics-trend-chart] polyline').count()).to.equal(3);
    expect(await page.locator('[data-testid=metrics-table] tr[data-agency]').count()).to.equal(2);

    fs.mkdirSync(path.dirname(METRICS_SCREENSHOT), { recursive: true });
    await page.screenshot({ path: METRICS_SCREENSHOT, fullPage: true });
    expect(fs.statSync(METRICS_SCREENSHOT).size).to.be.greaterThan(20_000);
    await page.close();
  });
});
