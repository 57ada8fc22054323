// The queue in a real browser (issue 14 items 1 and 9): an officer finds a ticket by a word typed without tone
// marks, moves through the rows with j and k and opens one with Enter, goes to the reply with r, then ticks two
// tickets and assigns them to a colleague in one bulk action, confirmed first.
import { expect } from 'chai';
import { startE2e, loginInBrowser, type E2e } from '../support/browser.js';
import { addHotlineAgency, citizenMail, staff } from '../integration/tickets/ticket-fixture.js';

describe('e2e: the queue by keyboard, toneless search and a bulk assign', function () {
  this.timeout(180_000);
  let e2e: E2e;

  before(async () => {
    e2e = await startE2e();
  });
  after(async () => {
    await e2e?.stop();
  });

  it('finds "cau treo" in "cầu treo", walks rows with j/k, opens with Enter, and bulk-assigns two tickets', async () => {
    const { db } = e2e;
    const sxd = await addHotlineAgency(db, 'SXD');
    const bridge = await citizenMail(db, sxd, { subject: 'Đề nghị sửa chữa cầu treo bản Lác', body: 'Cầu treo hỏng ván mặt cầu.' });
    const others = [await citizenMail(db, sxd, { subject: 'Rác thải tồn đọng tại chợ' }), await citizenMail(db, sxd, { subject: 'Đèn đường không sáng' })];
    const colleague = await staff(db, 'agent', sxd.agencyId, 'Phạm Thu Hà');
    const { username, password } = await staff(db, 'agent', sxd.agencyId, 'Hoàng Văn Xử');
    const page = await e2e.newPage({ viewport: { width: 1366, height: 768 } });
    await loginInBrowser(page, username, password, { next: '/tickets', waitFor: '[data-testid=queue-table]' });

    await page.fill('[data-testid=queue-search]', 'cau treo');
    await page.click('[data-testid=queue-apply]');
    await page.waitForURL(/q=cau\+treo/);
    expect(await page.$$eval('[data-testid=queue-row]', (rows) => rows.map((r) => r.getAttribute('data-ref')))).to.deep.equal([bridge.ref]);

    await page.goto(`${e2e.baseUrl}/tickets`);
    const refs = await page.$$eval('[data-testid=queue-row]', (rows) => rows.map((r) => r.getAttribute('data-ref')));
    expect(refs).to.have.length(3);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    expect(await page.evaluate(() => document.activeElement?.textContent)).to.equal(refs[0]);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    expect(await page.evaluate(() => document.activeElement?.textContent)).to.equal(refs[1]);
    expect(await page.getAttribute(`[data-ref="${refs[1]}"]`, 'class')).to.contain('current');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=reply-form]');
    expect(await page.textContent('[data-testid=ticket-ref]')).to.equal(refs[1]);
    await page.keyboard.press('r');
    expect(await page.evaluate(() => (document.activeElement as HTMLTextAreaElement | null)?.name)).to.equal('body');

    await page.goto(`${e2e.baseUrl}/tickets`);
    for (const t of others) await page.check(`[data-ref="${t.ref}"] [data-testid=queue-select]`);
    await page.selectOption('[data-testid=bulk-action]', 'assign');
    await page.selectOption('[data-testid=bulk-assignee]', String(colleague.user.id));
    await page.click('[data-testid=bulk-apply]');
    await page.waitForSelector('[data-testid=confirm]');
    expect(await db.models.TicketEvent.count({ where: { ticket_id: others.map((t) => t.id), kind: 'assign' } })).to.equal(0);
    await page.click('[data-testid=confirm-yes]');
    await page.waitForSelector('[data-testid=bulk-done]');
    const changed = await page.textContent('[data-testid=bulk-changed]');
    for (const t of others) {
      expect(changed).to.contain(t.ref);
      expect((await db.models.TicketSla.findByPk(t.id))!.assignee_id).to.equal(colleague.user.id);
    }
    expect((await db.models.TicketSla.findByPk(bridge.id))!.assignee_id).not.to.equal(colleague.user.id);
    await page.close();
  });
});
