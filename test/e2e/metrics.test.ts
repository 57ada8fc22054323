import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { buildUser } from '../support/web.js';
import { startE2e, loginInBrowser, type E2e } from '../support/browser.js';
import { t } from '../../server/i18n/index.js';
import { seedMetricsDataset } from '../integration/metrics/metrics-dataset.js';
import { buildDashboardHistory } from '../support/dashboard-history.js';

/** The leader's dashboard, full page at 1366 px (test/artifacts is git-ignored). */
const ARTIFACT = path.resolve(import.meta.dirname, '../artifacts/metrics/leader-dashboard-1366.png');
/** The README's picture: written only when asked (UPDATE_README_SCREENSHOT=1), so a test run leaves the tree clean. */
const README_SHOT = path.resolve(import.meta.dirname, '../screenshots/metrics.png');

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
    // typed as an officer writes dates, day/month/year, whatever the browser's locale (partials/date-field.hbs)
    await page.fill('input[name=from]', '01/02/2026');
    await page.fill('input[name=to]', '31/03/2026');
    await Promise.all([page.waitForURL(/from=01%2F02%2F2026/), page.click('[data-testid=metrics-filters] button[type=submit]')]);
    expect(await page.inputValue('input[name=from]')).to.equal('01/02/2026');
    expect(await page.getAttribute('[data-testid=export-csv]', 'href')).to.contain('from=2026-02-01&to=2026-03-31');

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

describe('e2e: the leader\'s dashboard over half a year of tickets', function () {
  this.timeout(300_000);
  let e2e: E2e;
  let tickets = 0;

  before(async () => {
    e2e = await startE2e();
    ({ tickets } = await buildDashboardHistory(e2e.db));
  });
  after(async () => {
    await e2e?.stop();
  });

  it('a province leader sees every section drawn at 1366 px, with figures that add up, and a screenshot is kept', async () => {
    const { username, password } = await buildUser(e2e.db, { role: 'leader', displayName: 'Bùi Văn Quang' });
    const page = await e2e.newPage({ viewport: { width: 1366, height: 900 } });
    await loginInBrowser(page, username, password);
    const from = new Date(Date.now() - 26 * 7 * 86_400_000).toISOString().slice(0, 10);
    await page.goto(`/metrics?from=${from}`);
    await page.waitForSelector('[data-testid=metrics-title]');

    for (const id of ['metrics-tiles', 'metrics-breach', 'metrics-aging', 'metrics-outcomes-chart', 'metrics-trend-chart', 'metrics-monthly-chart',
      'metrics-first-response-chart', 'metrics-classes', 'metrics-hotlines', 'metrics-coverage', 'coverage-chart']) {
      const box = await page.locator(`[data-testid=${id}]`).boundingBox();
      expect(box, id).to.not.equal(null);
      expect(box!.width, id).to.be.greaterThan(200);
    }
    // every generated ticket is counted once, and the backlog's buckets add up to the open tickets
    expect(await page.locator('[data-testid=tile-received]').innerText()).to.equal(tickets.toLocaleString('vi-VN'));
    const agingTotal = (await page.locator('[data-testid=metrics-aging] tr.total td.num').allInnerTexts()).map((s) => Number(s.replace(/\./g, '')));
    expect(agingTotal.slice(0, 4).reduce((a, b) => a + b, 0)).to.equal(agingTotal[4]).and.to.be.greaterThan(0);
    expect(agingTotal[0], 'received this week and still open').to.be.greaterThan(0);
    expect(agingTotal[3], 'forgotten for over 10 working days').to.be.greaterThan(0);
    expect(await page.locator('[data-testid=metrics-monthly-chart] polyline').count()).to.equal(3);
    expect(await page.locator('[data-testid=metrics-hotlines] tr[data-state=failing]').count()).to.equal(1);
    expect(await page.locator('[data-testid=metrics-hotlines] tr[data-state=stale]').count()).to.equal(1);
    // nothing wider than the window, and the tables of the half-width cards (the backlog's four agencies by every
    // age, the four hotlines) inside their card: no scrolling inside the card on a laptop
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(1366);
    expect(await page.locator('[data-testid=metrics-aging] tr[data-agency]:not([data-agency=""])').count()).to.equal(4);
    expect(await overhang(page, 'metrics-aging', 'table'), 'aging table past its card at 1366 px').to.be.at.most(0);
    expect(await overhang(page, 'metrics-hotlines', 'table'), 'hotline table past its card at 1366 px').to.be.at.most(0);

    fs.mkdirSync(path.dirname(ARTIFACT), { recursive: true });
    await page.screenshot({ path: ARTIFACT, fullPage: true });
    expect(fs.statSync(ARTIFACT).size).to.be.greaterThan(50_000);
    if (process.env.UPDATE_README_SCREENSHOT === '1') {
      fs.mkdirSync(path.dirname(README_SHOT), { recursive: true });
      await page.screenshot({ path: README_SHOT, clip: { x: 0, y: 0, width: 1366, height: 1500 }, fullPage: true });
    }
    await page.close();
  });

  it('at 390 px the page does not scroll sideways: the backlog table scrolls in its own labelled box', async () => {
    const { username, password } = await buildUser(e2e.db, { role: 'leader', displayName: 'Đỗ Thị Hạnh' });
    const page = await e2e.newPage({ viewport: { width: 390, height: 844 } });
    await loginInBrowser(page, username, password);
    const from = new Date(Date.now() - 26 * 7 * 86_400_000).toISOString().slice(0, 10);
    await page.goto(`/metrics?from=${from}`);
    await page.waitForSelector('[data-testid=metrics-aging] table');
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'page scrolls sideways').to.be.at.most(390);
    expect(await overhang(page, 'metrics-aging', 'box'), 'aging box past its card at 390 px').to.be.at.most(0);
    const box = page.locator('[data-testid=metrics-aging] .table-wrap');
    expect(await box.getAttribute('tabindex')).to.equal('0');
    expect(await box.getAttribute('role')).to.equal('region');
    expect(await box.getAttribute('aria-label')).to.equal(t('vi', 'metrics.aging.title'));
    // each scroll box is named after its own table, so a screen reader's list of regions tells them apart
    const names = await page.locator('.table-wrap[role=region]').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
    expect(names.length, 'scroll regions on the page').to.be.at.least(4);
    expect(new Set(names).size, `region names ${names.join(' | ')}`).to.equal(names.length);
    await page.goto(`/metrics?from=${from}&lang=en`);
    expect(await box.getAttribute('aria-label')).to.equal(t('en', 'metrics.aging.title'));
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'page scrolls sideways in English').to.be.at.most(390);
    await page.close();
  });
});

/**
 * How far (px) a card's table (or its scroll box) passes the inside of the card's right edge (the card's padding
 * included, so a table flush against the card's border counts as over). <= 0 when it fits.
 */
async function overhang(page: Page, card: string, what: 'table' | 'box'): Promise<number> {
  return page.locator(`[data-testid=${card}]`).evaluate((el, sel) => {
    const style = getComputedStyle(el);
    const inner = el.getBoundingClientRect().right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight);
    return Math.round((el.querySelector(sel)!.getBoundingClientRect().right - inner) * 10) / 10;
  }, what === 'table' ? 'table' : '.table-wrap');
}
