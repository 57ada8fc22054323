// The reply form's file field in a real browser at phone width (issue 14 item 4): its visible text is ours, in
// Vietnamese (English on request), not Chromium's "Choose Files / No file chosen"; it is still a real
// <input type=file>, named by the field's label, reached with Tab, opened with the keyboard, and it lists the chosen
// files' names; the files go out with the reply.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { startE2e, loginInBrowser, type E2e } from '../support/browser.js';
import { addHotlineAgency, citizenMail, staff } from '../integration/tickets/ticket-fixture.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('e2e: the reply form\'s file field', function () {
  this.timeout(90_000);
  let e2e: E2e;
  before(async () => { e2e = await startE2e(); });
  after(async () => { await e2e?.stop(); });

  const field = (page: Page) => ({
    button: page.locator('[data-testid=reply-attachment-button]'),
    status: page.locator('[data-testid=reply-attachment-status]'),
    input: page.locator('[data-testid=reply-attachment]'),
  });

  it('shows Vietnamese text at 390 px, is a real labelled file input reached and opened with the keyboard, lists the chosen names, and sends them', async () => {
    const { db } = e2e;
    const h = await addHotlineAgency(db, 'TEP');
    const t = await citizenMail(db, h, { subject: 'Xin bản sao quyết định' });
    const { username, password } = await staff(db, 'agent', h.agencyId, 'Cán Bộ Điện Thoại');
    const page = await e2e.newPage({ viewport: { width: 390, height: 844 } });
    await loginInBrowser(page, username, password, { next: `/tickets/${t.ref}`, waitFor: '[data-testid=reply-form]' });
    const f = field(page);

    expect((await f.button.textContent())!.trim()).to.equal('Chọn tệp…');
    expect((await f.status.textContent())!.trim()).to.equal('Chưa chọn tệp nào');
    expect(await f.button.isVisible()).to.equal(true);
    expect(await f.input.getAttribute('type')).to.equal('file');
    // named by the field's label and the button, found by it as a screen reader user would
    expect(await page.getByLabel('Tệp đính kèm (công văn)').getAttribute('data-testid')).to.equal('reply-attachment');
    const box = (await f.button.boundingBox())!;
    expect(box.x + box.width, 'the button fits the phone screen').to.be.at.most(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no sideways scrolling').to.be.at.most(390);

    // Listen for the picker before any key is pressed: Playwright turns on Chromium's picker interception only when a
    // listener appears, and asks for it without waiting, so a listener added with the key press itself races it.
    const chooserOpened = page.waitForEvent('filechooser');
    chooserOpened.catch(() => undefined); // a failure before the await below is reported there, not as unhandled
    // Tab from the text reaches the real input, and its focus shows on the button
    await page.focus('[data-testid=reply-body]');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('f-attachment');
    expect(await f.button.evaluate((el) => getComputedStyle(el).outlineStyle)).to.equal('solid');
    // Space opens the browser's picker on it
    await page.keyboard.press('Space');
    const chooser = await chooserOpened;
    expect(chooser.isMultiple()).to.equal(true);
    await chooser.setFiles([{ name: 'Cong van 12.pdf', mimeType: 'application/pdf', buffer: PDF }, { name: 'so-do.png', mimeType: 'image/png', buffer: PNG }]);
    expect((await f.status.textContent())!.trim()).to.equal('Đã chọn 2 tệp: Cong van 12.pdf, so-do.png');

    await page.fill('[data-testid=reply-body]', 'Kính gửi công dân, Sở gửi kèm bản sao quyết định.');
    await page.click('[data-testid=reply-send]');
    await page.waitForSelector('[data-testid=msg-out]');
    const row = (await db.models.Outbox.findOne({ where: { ticket_id: t.id, kind: 'reply' } }))!;
    const files = await db.models.OutboxAttachment.findAll({ where: { outbox_id: row.id }, order: [['id', 'ASC']] });
    expect(files.map((x) => x.filename)).to.deep.equal(['Cong van 12.pdf', 'so-do.png']);
    await page.close();
  });

  it('says it in English for an English user', async () => {
    const { db, baseUrl } = e2e;
    const h = await addHotlineAgency(db, 'TEN');
    const t = await citizenMail(db, h, { subject: 'Hỏi lịch tiếp dân' });
    const { username, password } = await staff(db, 'agent', h.agencyId);
    const page = await e2e.newPage({ viewport: { width: 390, height: 844 } });
    await loginInBrowser(page, username, password, { next: `/tickets/${t.ref}`, waitFor: '[data-testid=reply-form]' });
    await page.goto(`${baseUrl}/tickets/${t.ref}?lang=en`);
    const f = field(page);
    expect((await f.button.textContent())!.trim()).to.equal('Choose files…');
    expect((await f.status.textContent())!.trim()).to.equal('No file chosen');
    await f.input.setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: PDF });
    expect((await f.status.textContent())!.trim()).to.equal('1 file chosen: letter.pdf');
    await page.close();
  });
});
