// HR in a real browser: upload a roster, read the preview, confirm, watch the job's progress reach 100%,
// download the credential sheet (PDF) once, and see the coverage chart; a file that cannot be read is refused
// with its reason under the form. Screenshots go to SCREENSHOT_DIR
// when it is set, for a human look at layout and Vietnamese text.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { buildUser } from '../support/web.js';
import { startE2e, loginInBrowser, type E2e } from '../support/browser.js';
import { seedHoabinh } from '../support/provisioning-fixtures.js';
import { rosterCsv } from '../support/roster-factory.js';
import { testJobs, useTestSecretInWorker } from '../support/hr-web.js';
import { xlsxBomb } from '../support/zip-bomb.js';
import { JobRunner } from '../../jobs/runner.js';
import { createLogger } from '../../server/logger.js';

const SHOTS = process.env.SCREENSHOT_DIR;
const ROSTER = [
  { employee_code: 'E2E1', full_name: 'Đặng Thị Ánh Nguyệt', agency_code: 'SNV', position: 'Chuyên viên' },
  { employee_code: 'E2E2', full_name: 'Âu Dương Phong', agency_code: 'SNV', position: 'Trưởng phòng' },
  { employee_code: 'E2E3', full_name: 'Nguyễn Văn Ước', agency_code: 'STP', position: 'Chuyên viên' },
];

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `hr-${name}.png`), fullPage: true });
}

describe('e2e: HR imports a roster in a real browser', function () {
  this.timeout(120_000);
  let e2e: E2e;
  let runner: JobRunner;

  before(async () => {
    useTestSecretInWorker();
    e2e = await startE2e();
    await seedHoabinh(e2e.db);
    runner = new JobRunner(e2e.db, await testJobs(e2e.db), createLogger('silent'), { pollMs: 200, concurrency: 1 });
    runner.start();
  });
  after(async () => {
    await runner?.stop();
    await e2e?.stop();
  });

  it('uploads, previews, confirms, follows the progress to 100%, downloads the PDF once, and sees the coverage chart', async () => {
    const { username, password } = await buildUser(e2e.db, { role: 'hr', displayName: 'Hoàng Thị Thu Hằng' });
    const page = await e2e.newPage({ acceptDownloads: true, viewport: { width: 1200, height: 800 } });
    await loginInBrowser(page, username, password);

    await page.click('nav a[href="/hr/roster"]');
    await page.setInputFiles('[data-testid=upload-file]', { name: 'danh-sách-cán-bộ.csv', mimeType: 'text/csv', buffer: Buffer.from(rosterCsv(ROSTER)) });
    await shot(page, '1-upload');
    await page.click('[data-testid=upload-submit]');
    await page.waitForSelector('[data-testid=preview-summary]');
    expect(await page.textContent('[data-testid=preview-created]')).to.equal('3');
    expect(await page.textContent('[data-testid=preview-rows]')).to.contain('Đặng Thị Ánh Nguyệt');
    await shot(page, '2-preview');

    await page.click('[data-testid=confirm-import]');
    await page.waitForSelector('[data-testid=run-progress]');
    await page.waitForFunction(() => document.querySelector('[data-testid=run-percent]')?.textContent === '100%', null, { timeout: 60_000 });
    await page.waitForSelector('[data-testid=download-pdf]');
    expect(await page.textContent('[data-testid=result-created]')).to.equal('3');
    await shot(page, '3-done');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-pdf]')]);
    const file = await download.path();
    expect(fs.readFileSync(file!).subarray(0, 5).toString()).to.equal('%PDF-');
    expect(download.suggestedFilename()).to.match(/\.pdf$/);
    await page.reload();
    await page.waitForSelector('[data-testid=credentials-taken]');
    expect(await page.$('[data-testid=download-pdf]')).to.equal(null);
    await shot(page, '4-taken');

    await page.goto(`${e2e.baseUrl}/hr/mailboxes`);
    expect(await page.textContent('[data-testid=mailbox-list]')).to.contain('Âu Dương Phong');
    await shot(page, '5-mailboxes');
    await page.click('[data-testid=mailbox-list] a >> nth=0');
    await page.click('[data-testid=action-password]');
    await page.waitForSelector('[data-testid=confirm]'); // a reset asks first
    await page.click('[data-testid=confirm-yes]');
    await page.waitForSelector('[data-testid=new-password]');
    expect((await page.textContent('[data-testid=new-password]'))!.trim()).to.have.length.above(12);
    await shot(page, '5b-mailbox');

    await page.click('nav a[href="/hr/coverage"]');
    await page.waitForSelector('[data-testid=coverage-chart]');
    expect(await page.locator('[data-testid=coverage-chart] rect.bar-fill').count()).to.equal(await e2e.db.models.Agency.count());
    expect(await page.textContent('[data-testid=coverage-table]')).to.contain('Sở Nội vụ');
    await shot(page, '6-coverage');
    await page.close();
  });

  it('shows why a zip bomb is refused, under the form, at 390 px', async () => {
    const { username, password } = await buildUser(e2e.db, { role: 'hr' });
    const page = await e2e.newPage({ viewport: { width: 390, height: 800 } });
    await loginInBrowser(page, username, password);
    await page.goto(`${e2e.baseUrl}/hr/roster`);
    // the file field speaks Vietnamese (partials/file-picker.hbs), not Chromium's "Choose File / No file chosen"
    expect(await page.textContent('[data-testid=upload-file-button]')).to.equal('Chọn tệp…');
    expect(await page.textContent('[data-testid=upload-file-status]')).to.equal('Chưa chọn tệp nào');
    await page.click('[data-testid=upload-submit]');
    expect(await page.textContent('[data-testid=upload-error]')).to.equal('Chọn một tệp trước khi tải lên.');
    await page.setInputFiles('[data-testid=upload-file]', { name: 'danh-sách.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsxBomb({ sheetMiB: 500 }) });
    await page.click('[data-testid=upload-submit]');
    expect(await page.textContent('[data-testid=upload-file-status]')).to.equal('Đã chọn 1 tệp: danh-sách.xlsx');
    await page.waitForSelector('[data-testid=upload-error]:text-matches("^Tệp giải nén")');
    expect(await page.textContent('[data-testid=upload-error]')).to.match(/^Tệp giải nén quá lớn: 500 MB, tối đa \d+ MB/);
    expect(await page.isEnabled('[data-testid=upload-submit]'), 'HR can choose another file').to.equal(true);
    await shot(page, '7-zip-bomb');
    await page.close();
  });
});
