// The staff workspace in a real browser: an agent opens the queue, opens a ticket that came from an ingested
// mail (Gmail-shaped: base64 parts, encoded-word subject, HTML alternative), replies, and sees the reply in
// the conversation and the timeline; the citizen then finds it on the lookup page with the receipt's code.
// Set E2E_SCREENSHOT_DIR to keep screenshots of each page.
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { startE2e, loginInBrowser, type E2e } from '../support/browser.js';
import { addHotlineAgency, ingest, staff } from '../integration/tickets/ticket-fixture.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64').replace(/(.{76})/g, '$1\r\n');
const GMAIL_LIKE = (to: string) => Buffer.from([
  'MIME-Version: 1.0', 'Date: Tue, 24 Nov 2026 08:12:45 +0700', 'Message-ID: <CAFx9k2Z_e2e@mail.gmail.com>',
  `Subject: =?UTF-8?B?${Buffer.from('Đề nghị sửa chữa cống thoát nước tổ 5, phường Tân Hòa').toString('base64')}?=`,
  `From: =?UTF-8?B?${Buffer.from('Nguyễn Thị Mai').toString('base64')}?= <mai.nguyen@example.vn>`, `To: ${to}`,
  'Content-Type: multipart/alternative; boundary="000000000000abc"', '',
  '--000000000000abc', 'Content-Type: text/plain; charset="UTF-8"', 'Content-Transfer-Encoding: base64', '',
  b64('Kính gửi Sở Xây dựng,\n\nCống thoát nước tổ 5 bị tắc từ tuần trước, nước tràn vào nhà dân mỗi khi mưa.\nĐề nghị Sở cho kiểm tra.\n\nTrân trọng,\nNguyễn Thị Mai'),
  '--000000000000abc', 'Content-Type: text/html; charset="UTF-8"', 'Content-Transfer-Encoding: base64', '',
  b64('<div dir="ltr">Kính gửi Sở Xây dựng,<br><br>Cống thoát nước <b>tổ 5</b> bị tắc từ tuần trước.<br>Đề nghị Sở cho kiểm tra.<br><br>Trân trọng,<br>Nguyễn Thị Mai</div>'),
  '--000000000000abc--', '',
].join('\r\n'));

describe('e2e: staff workspace in a real browser', function () {
  this.timeout(90_000);
  let e2e: E2e;
  const shots = process.env.E2E_SCREENSHOT_DIR;
  const shot = async (page: Page, name: string) => {
    if (shots) await page.screenshot({ path: path.join(shots, `workspace-${name}.png`), fullPage: true });
  };

  before(async () => {
    e2e = await startE2e();
  });
  after(async () => {
    await e2e?.stop();
  });

  it('an agent opens the queue, opens an ingested mail\'s ticket, replies, and sees the reply; the citizen looks it up', async () => {
    const { db, baseUrl } = e2e;
    const sxd = await addHotlineAgency(db, 'SXD');
    expect(await ingest(db, sxd, GMAIL_LIKE(sxd.address))).to.equal('ticket');
    const ticket = (await db.models.Ticket.findOne({ where: { agency_id: sxd.agencyId } }))!;
    const code = /Mã tra cứu: (\d+)/.exec((await db.models.Outbox.findOne({ where: { kind: 'ack', ticket_id: ticket.id } }))!.text_body)![1];
    const { username, password } = await staff(db, 'agent', sxd.agencyId, 'Hoàng Văn Xử');

    const page = await e2e.newPage({ viewport: { width: 1280, height: 900 } });
    await loginInBrowser(page, username, password, { next: '/tickets', waitFor: '[data-testid=queue-table]' });
    expect(await page.textContent('[data-testid=queue-table]')).to.contain('Đề nghị sửa chữa cống thoát nước');
    await shot(page, '1-queue');

    await page.click(`a.ref:text("${ticket.ref}")`);
    await page.waitForSelector('[data-testid=reply-form]');
    expect(await page.textContent('[data-testid=conversation]')).to.contain('nước tràn vào nhà dân');
    await shot(page, '2-ticket');

    await page.fill('[data-testid=reply-body]', 'Kính gửi bà Mai,\nSở đã giao Đội quản lý đô thị kiểm tra trong tuần này.');
    await page.click('[data-testid=reply-send]');
    await page.waitForSelector('[data-testid=msg-out]');
    expect(await page.textContent('[data-testid=msg-out]')).to.contain('Đội quản lý đô thị');
    expect(await page.textContent('[data-testid=timeline]')).to.contain('Đã trả lời');
    expect(await page.textContent('[data-testid=ticket-status]')).to.contain('Đang xử lý');
    await shot(page, '3-replied');

    const citizen = await e2e.newPage({ viewport: { width: 1024, height: 900 } });
    await citizen.goto(`${baseUrl}/tra-cuu`);
    await citizen.fill('input[name=ref]', ticket.ref);
    await citizen.fill('input[name=code]', code);
    await citizen.click('[data-testid=lookup-submit]');
    await citizen.waitForSelector('[data-testid=lookup-result]');
    expect(await citizen.textContent('[data-testid=lookup-reply]')).to.contain('Đội quản lý đô thị');
    await shot(citizen, '4-lookup');
    await citizen.close();
    await page.close();
  });
});
