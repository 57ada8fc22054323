import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { buildUser } from '../support/web.js';
import { startE2e, loginInBrowser, type E2e } from '../support/browser.js';
import { seedMetricsDataset } from '../integration/metrics/metrics-dataset.js';

/** Where the screenshot goes, for a human to look at after a run. */
export const METRICS_SCREENSHOT = path.join(os.tmpdir(), 'govmail-e2e', 'metrics.png');

describe('e2e: metrics charts in a real browser', function () {
  this.timeout(60_000);
  let e2e: E2e;

  before(async () => {
    e2e = await startE2e();
    await seedMetricsDataset(e2e.db);
  });
  after(async () => {
    await e2e?.stop();
  });

  it('a province leader opens Thống kê from the menu and sees the three SVG charts drawn', async () => {
    const { username, password } = await buildUser(e2e.db, { role: 'leader', displayName: 'Hà Văn Lãnh Đạo' });
    const page = await e2e.newPage({ viewport: { width: 1200, height: 1800 } });
    await loginInBrowser(page, username, password);
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
