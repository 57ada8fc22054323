// Gộp hồ sơ in a real browser (issue 14 item 3): a citizen writes twice about one matter; the second mail ("Re:"
// with no case number) is opened as its own case linked "may relate to" the first. A supervisor follows the
// "Gộp…" offer on that link, writes the reason, confirms, and lands on the kept (earlier) case with both mails.
// Set E2E_SCREENSHOT_DIR to keep screenshots of each step.
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { startE2e, loginInBrowser, type E2e } from '../support/browser.js';
import { addHotlineAgency, citizenMail, staff } from '../integration/tickets/ticket-fixture.js';

describe('e2e: a supervisor merges two cases', function () {
  this.timeout(90_000);
  let e2e: E2e;
  const shots = process.env.E2E_SCREENSHOT_DIR;
  const shot = async (page: Page, name: string) => {
    if (shots) await page.screenshot({ path: path.join(shots, `merge-${name}.png`), fullPage: true });
  };

  before(async () => {
    e2e = await startE2e();
  });
  after(async () => {
    await e2e?.stop();
  });

  it('follows the "may relate to" offer, confirms, and keeps the earlier case with both mails', async () => {
    const { db } = e2e;
    const stc = await addHotlineAgency(db, 'STC');
    const from = 'Đinh Thị Lan <lan.congdan@example.vn>';
    const first = await citizenMail(db, stc, { from, subject: 'Nước sinh hoạt bị đục ở xóm Bãi', body: 'Nước máy đục ba hôm nay.' });
    const second = await citizenMail(db, stc, { from, subject: 'Re: Nước sinh hoạt bị đục ở xóm Bãi', body: 'Hôm nay nước vẫn đục.' });
    const { username, password } = await staff(db, 'supervisor', stc.agencyId, 'Lê Trưởng Phòng');

    const page = await e2e.newPage({ viewport: { width: 390, height: 844 } });
    await loginInBrowser(page, username, password, { next: `/tickets/${second.ref}`, waitFor: '[data-testid=merge-offer]' });
    await shot(page, '1-related');
    await page.click('[data-testid=merge-offer]');
    await page.waitForSelector('[data-testid=merge]');
    expect(await page.inputValue('[data-testid=merge-with]')).to.equal(first.ref);
    await page.fill('[data-testid=merge-reason]', 'Cùng một phản ánh về nước sinh hoạt');
    await page.click('[data-testid=merge-submit]');
    await page.waitForSelector('[data-testid=confirm]');
    expect(await page.textContent('[data-testid=confirm]')).to.contain(`Gộp hồ sơ ${second.ref} vào hồ sơ ${first.ref}?`);
    await shot(page, '2-confirm');
    await page.click('[data-testid=confirm-yes]');
    await page.waitForURL(`**/tickets/${first.ref}?done=merged`);
    const conversation = await page.textContent('[data-testid=conversation]');
    expect(conversation).to.contain('Nước máy đục ba hôm nay.').and.contain('Hôm nay nước vẫn đục.');
    expect(await page.textContent('.related')).to.contain(second.ref);
    await shot(page, '3-kept');
    expect((await db.models.Ticket.findByPk(second.id))!.status).to.equal('closed');
  });
});
