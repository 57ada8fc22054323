// Destructive actions ask first, in a real browser and without JavaScript doing it: the first click opens a
// confirmation page (danger-styled "yes", a way back), and only its "yes" acts. Leaver, transfer (whose agency
// must be chosen), delete rule and remove a calendar override; the password reset is in hr-roster.test.ts.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { startE2e, loginInBrowser, type E2e } from '../support/browser.js';
import { buildUser } from '../support/web.js';
import { importRows, seedHoabinh } from '../support/provisioning-fixtures.js';
import { addCalendarOverride } from '../../server/services/sla/calendar-admin.js';
import { listRules } from '../../server/services/triage/rule-store.js';

const DANGER = 'rgb(180, 35, 24)'; // --danger in views/static/app.css

async function confirmPage(page: Page, mention: string): Promise<void> {
  await page.waitForSelector('[data-testid=confirm]');
  expect(await page.textContent('[data-testid=confirm]')).to.contain(mention);
  expect(await page.$eval('[data-testid=confirm-yes]', (b) => getComputedStyle(b).backgroundColor)).to.equal(DANGER);
}

describe('e2e: destructive actions ask first', function () {
  this.timeout(120_000);
  let e2e: E2e;
  let page: Page;
  let boxes: string[];

  before(async () => {
    e2e = await startE2e();
    await seedHoabinh(e2e.db);
    await importRows(e2e.db, [
      { employee_code: 'C1', full_name: 'Nguyễn Văn Nghỉ', agency_code: 'SNV', position: 'Chuyên viên' },
      { employee_code: 'C2', full_name: 'Trần Thị Chuyển', agency_code: 'SNV', position: 'Chuyên viên' },
    ]);
    boxes = (await e2e.db.models.Mailbox.findAll({ where: { kind: 'staff' }, order: [['id', 'ASC']] })).map((b) => b.address);
    await addCalendarOverride(e2e.db, { date: '2027-03-10', kind: 'off', reason: 'Nghỉ bù' }, 'test');
    const admin = await buildUser(e2e.db, { role: 'admin' });
    page = await e2e.newPage({ viewport: { width: 1366, height: 768 } });
    await loginInBrowser(page, admin.username, admin.password);
  });
  after(async () => {
    await e2e?.stop();
  });

  it('records a leaver only after the confirmation, and the way back changes nothing', async () => {
    const [leaver] = boxes;
    await page.goto(`/hr/mailboxes/${leaver}`);
    await page.click('[data-testid=action-leaver]');
    await confirmPage(page, leaver!);
    await page.click('[data-testid=confirm-cancel]');
    await page.waitForSelector('[data-testid=mailbox-state]');
    expect(await page.textContent('[data-testid=mailbox-state]')).to.contain('Hoạt động');
    await page.click('[data-testid=action-leaver]');
    await confirmPage(page, leaver!);
    await page.click('[data-testid=confirm-yes]');
    await page.waitForSelector('[data-testid=flash]');
    expect(await page.textContent('[data-testid=mailbox-state]')).to.contain('Đã nghỉ việc');
  });

  it('makes the officer choose the transfer agency, then confirms it', async () => {
    const [, mover] = boxes;
    await page.goto(`/hr/mailboxes/${mover}`);
    expect(await page.$eval('[data-testid=transfer-agency]', (s) => (s as HTMLSelectElement).value)).to.equal('');
    await page.click('[data-testid=action-transfer]'); // nothing chosen: the browser keeps the form (required)
    expect(await page.$('[data-testid=confirm]')).to.equal(null);
    await page.selectOption('[data-testid=transfer-agency]', 'STP');
    await page.click('[data-testid=action-transfer]');
    await confirmPage(page, 'STP — Sở Tư pháp');
    await page.click('[data-testid=confirm-yes]');
    await page.waitForSelector('[data-testid=flash]');
    expect(await page.textContent('[data-testid=mailbox-address]')).to.match(/@stp\.hoabinh\.gov\.vn$/);
  });

  it('deletes a triage rule and removes a calendar override only after their confirmations', async () => {
    const rule = (await listRules(e2e.db))[0]!;
    await page.goto('/admin/rules');
    await page.click(`[data-testid=delete-${rule.id}]`);
    await confirmPage(page, rule.name);
    expect((await listRules(e2e.db)).map((r) => r.id)).to.include(rule.id);
    await page.click('[data-testid=confirm-yes]');
    await page.waitForSelector('[data-testid=flash]');
    expect((await listRules(e2e.db)).map((r) => r.id)).not.to.include(rule.id);

    await page.goto('/admin/calendar?year=2027');
    await page.click('[data-testid=remove-2027-03-10]');
    await confirmPage(page, 'Nghỉ bù');
    expect(await e2e.db.models.CalendarOverride.count({ where: { date: '2027-03-10' } })).to.equal(1);
    await page.click('[data-testid=confirm-yes]');
    await page.waitForSelector('[data-testid=flash]');
    expect(await e2e.db.models.CalendarOverride.count({ where: { date: '2027-03-10' } })).to.equal(0);
  });
});
