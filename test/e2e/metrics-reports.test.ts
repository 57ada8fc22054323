// The leader's path to a periodic report in a real browser, on a phone (390 px): /metrics shows the "Báo cáo định
// kỳ" card without a sideways scroll, the leader picks a quarter and downloads it as XLSX, and the month's PDF link
// downloads a PDF. The files' content is checked by test/integration/web/metrics-reports.test.ts.
import fs from 'node:fs';
import { expect } from 'chai';
import { buildUser } from '../support/web.js';
import { startE2e, loginInBrowser, type E2e } from '../support/browser.js';
import { seedMetricsDataset } from '../integration/metrics/metrics-dataset.js';

describe('e2e: periodic reports from /metrics', function () {
  this.timeout(120_000);
  let e2e: E2e;
  before(async () => {
    e2e = await startE2e();
    await seedMetricsDataset(e2e.db);
  });
  after(async () => {
    await e2e?.stop();
  });

  it('a leader on a phone picks the first quarter and downloads its XLSX, and the last month\'s PDF', async () => {
    const { username, password } = await buildUser(e2e.db, { role: 'leader', displayName: 'Hà Văn Lãnh Đạo' });
    const page = await e2e.newPage({ viewport: { width: 390, height: 844 }, acceptDownloads: true });
    await loginInBrowser(page, username, password, { next: '/metrics', waitFor: '[data-testid=metrics-reports]' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
    await page.selectOption('#f-period', '2026-Q1');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=report-form-xlsx]')]);
    expect(xlsx.suggestedFilename()).to.equal('bao-cao-2026-Q1-toan-tinh.xlsx');
    expect(fs.readFileSync((await xlsx.path())!).subarray(0, 2).toString()).to.equal('PK');
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=report-month-pdf]')]);
    expect(pdf.suggestedFilename()).to.match(/^bao-cao-\d{4}-\d{2}-toan-tinh\.pdf$/);
    expect(fs.readFileSync((await pdf.path())!).subarray(0, 5).toString()).to.equal('%PDF-');
  });
});
