// Issue 14's acceptance, as one day at the hotline desk, in real Chromium. Citizens' mail goes the real way: LMTP
// into the hotline's Dovecot mailbox, picked up by the IMAP poll. Everything staff do goes through the pages'
// own forms (fill and click), so hidden fields (CSRF, the ticket's version) travel as they do for a user.
//   0. The supervisor writes an answer template at /reply-templates.
//   1. Five citizens' mails arrive, one about a "cầu treo".
//   2. The officer finds it by typing "cau treo" (no tone marks) in the queue search.
//   3. She pauses it "waiting for the citizen" with a reason; the SLA panel shows the clock paused.
//   4. The citizen answers by mail (In-Reply-To, ref in the subject); after the poll the clock runs again and the
//      thread shows the answer.
//   5. She replies with the template (citizen, ref, deadline, officer, agency filled) and a PDF; the outbox sends
//      it and the citizen's Dovecot mailbox receives it, threaded, with the PDF.
//   6. The supervisor refers another ticket to another agency (its own ticket and clock, one notice to the
//      citizen) and merges two tickets, each after a confirmation.
// Screenshots of the queue and a ticket page at 1366 and 390 px go to test/artifacts/officer-day/ (git-ignored);
// UPDATE_README_SCREENSHOT=1 also rewrites the README's ticket picture (test/screenshots/ticket.png) from step 5.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { Op } from 'sequelize';
import type { Page } from 'playwright-core';
import { startE2e, loginInBrowser, type E2e } from '../support/browser.js';
import { startDovecot, type DovecotInstance } from '../support/dovecot.js';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp-capture.js';
import { TEST_SECRET, buildUser } from '../support/web.js';
import { addHotline, DOMAIN, ingestCtx, mail, poll } from '../integration/ingestion/hotline-fixture.js';
import { citizenMailbox } from '../integration/tickets/ticket-fixture.js';
import { createMailTransport } from '../../server/mail/transport.js';
import { withImapMailbox } from '../../server/mail/imap.js';
import { parseMail } from '../../server/mail/parse.js';
import { flushOutbox } from '../../server/services/outbox/flush.js';
import { getClock } from '../../server/services/sla/clock-store.js';

const ARTIFACTS = path.resolve(import.meta.dirname, '../artifacts/officer-day');
/** The README's picture of a ticket page, rewritten only with UPDATE_README_SCREENSHOT=1 (a test run leaves the tree clean). */
const README_TICKET = path.resolve(import.meta.dirname, '../screenshots/ticket.png');
const README_TICKET_SIZE = { width: 1366, height: 1000 };
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
/** A small but real PDF (header, one empty page, trailer): the official letter. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
const TEMPLATE = 'Kính gửi {{ten_cong_dan}},\n{{co_quan}} đã nhận phản ánh số {{ma_ho_so}} và sẽ trả lời trước {{han_giai_quyet}}.\nCông văn trả lời gửi kèm thư này.\nCán bộ xử lý: {{can_bo}}';

describe('e2e: an officer\'s day at the hotline desk', function () {
  this.timeout(300_000);
  let e2e: E2e;
  let dv: DovecotInstance;
  let smtp: SmtpCapture;

  before(async function () {
    e2e = await startE2e();
    dv = await startDovecot({ db: e2e.db });
    smtp = await startSmtpCapture();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });
  after(async () => {
    await smtp?.stop();
    await dv?.destroy();
    await e2e?.stop();
  });

  /** The hotline worker's poll, verifying markers with the web app's secret (as one deployment does). */
  const pollHotlines = () => poll(e2e.db, ingestCtx({ secret: TEST_SECRET }));
  /** The outbox worker's flush to the loopback SMTP peer. */
  const flush = async () => {
    const t = createMailTransport(smtp.url);
    try { return await flushOutbox(e2e.db, t); } finally { t.close(); }
  };
  /** Full-page screenshots at a laptop's and a phone's width; the page goes back to its own width after. */
  const shoot = async (page: Page, name: string) => {
    const own = page.viewportSize()!;
    for (const size of [LAPTOP, PHONE]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${size.width}.png`), fullPage: true });
      const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
      expect(widths.scroll, `${name} scrolls sideways at ${size.width}`).to.be.at.most(widths.inner);
    }
    await page.setViewportSize(own);
  };
  const text = async (page: Page, testid: string) => (await page.textContent(`[data-testid=${testid}]`))?.replace(/\s+/g, ' ').trim() ?? '';

  it('finds, pauses, resumes by the citizen\'s mail, answers with a template and a PDF; a supervisor refers and merges', async () => {
    const { db } = e2e;
    await db.models.MailDomain.create({ domain: DOMAIN, agency_id: null, active: true });
    const sxdInbox = await addHotline(db, dv, 'SXD');
    await addHotline(db, dv, 'STC');
    const sxd = (await db.models.Agency.findOne({ where: { code: 'SXD' } }))!;
    const stc = (await db.models.Agency.findOne({ where: { code: 'STC' } }))!;
    const lan = await citizenMailbox(db, 'lan');
    const officer = await buildUser(db, { role: 'agent', agencyId: sxd.id, displayName: 'Hoàng Thị Xử' });
    const chief = await buildUser(db, { role: 'supervisor', agencyId: sxd.id, displayName: 'Lê Văn Trưởng' });

    // 0. The supervisor's morning: the answer template the desk will use.
    const boss = await e2e.newPage({ viewport: PHONE });
    await loginInBrowser(boss, chief.username, chief.password, { next: '/reply-templates', waitFor: '[data-testid=template-form]' });
    expect(await text(boss, 'reply-templates-title')).to.equal('Mẫu trả lời công dân · Sở SXD');
    await boss.fill('[data-testid=template-name]', 'Trả lời kèm công văn');
    await boss.fill('[data-testid=template-body]', TEMPLATE);
    await boss.click('[data-testid=template-save]');
    await boss.waitForSelector('[data-testid=template-list] >> text=Trả lời kèm công văn');
    expect((await db.models.ReplyTemplate.findAll()).map((t) => [t.agency_id, t.name])).to.deep.equal([[sxd.id, 'Trả lời kèm công văn']]);

    // 1. Citizens write to the hotline: LMTP into its Dovecot mailbox, then the IMAP poll.
    const bridgeId = '<cau-treo-ban-lac@dan.hoabinh.test>';
    const arriving = [
      { from: `Đinh Thị Lan <${lan.address}>`, messageId: bridgeId, subject: 'Đề nghị sửa chữa cầu treo bản Lác',
        body: 'Kính gửi Sở,\nCầu treo qua suối bản Lác bị mục ván mặt cầu, học sinh đi học rất nguy hiểm.\nĐề nghị Sở kiểm tra, sửa chữa.' },
      { from: 'Trần Văn Hùng <hung.congdan@example.vn>', subject: 'Đèn chiếu sáng đường Cù Chính Lan không hoạt động', body: 'Cả tuyến đường tối om từ tuần trước.' },
      { from: 'Vũ Thị Mai <mai.congdan@example.vn>', subject: 'Hỏi về miễn giảm tiền thuê đất cho hộ kinh doanh', body: 'Tôi muốn hỏi thủ tục miễn giảm tiền thuê đất năm nay.' },
      { from: 'Bùi Đức Quang <quang.congdan@example.vn>', subject: 'Nước thải công trình xây dựng tràn ra đường', body: 'Công trình ở tổ 5 xả nước thải ra đường.' },
      { from: 'Bùi Đức Quang <quang.congdan@example.vn>', subject: 'Re: Nước thải công trình xây dựng tràn ra đường', body: 'Hôm nay công trình vẫn xả nước thải.' },
    ];
    for (const m of arriving) await dv.deliver(sxdInbox.user, mail({ to: sxdInbox.user, ...m }));
    expect((await pollHotlines()).tickets).to.equal(arriving.length);
    const ticketOf = async (subject: string) => (await db.models.Ticket.findOne({ where: { subject } }))!;
    const bridge = await ticketOf(arriving[0].subject);
    const land = await ticketOf(arriving[2].subject);
    const [sewage, sewageAgain] = [await ticketOf(arriving[3].subject), await ticketOf(arriving[4].subject)];
    expect([bridge, land, sewage, sewageAgain].map((t) => t.agency_id)).to.deep.equal([sxd.id, sxd.id, sxd.id, sxd.id]);

    // 2. The officer finds the bridge by typing without tone marks.
    const desk = await e2e.newPage({ viewport: LAPTOP });
    await loginInBrowser(desk, officer.username, officer.password, { next: '/tickets', waitFor: '[data-testid=queue-table]' });
    expect(await desk.$$('[data-testid=queue-row]')).to.have.length(arriving.length);
    // Every column the laptop shows has its heading (the assignee's was drawn at font-size 0 below 1440 px).
    const headings = await desk.$$eval('[data-testid=queue-table] th:not(.c-select)', (ths) => ths.filter((th) => th.getBoundingClientRect().width > 0)
      .map((th) => ({ text: th.textContent!.trim(), visible: Number.parseFloat(getComputedStyle(th).fontSize) > 0 })));
    expect(headings.filter((h) => h.text && h.visible).map((h) => h.text)).to.deep.equal(['Mã hồ sơ', 'Tiêu đề', 'Người gửi', 'Trạng thái', 'Người xử lý', 'Hạn giải quyết']);
    await shoot(desk, 'queue');
    await desk.fill('[data-testid=queue-search]', 'cau treo');
    await desk.click('[data-testid=queue-apply]');
    await desk.waitForURL(/q=cau\+treo/);
    expect(await desk.$$eval('[data-testid=queue-row]', (rows) => rows.map((r) => r.getAttribute('data-ref')))).to.deep.equal([bridge.ref]);
    expect(await text(desk, 'queue-table')).to.contain('Đề nghị sửa chữa cầu treo bản Lác');

    // 3. She opens it and pauses the clock for the citizen, with the reason.
    await desk.click(`[data-ref="${bridge.ref}"] a.ref`);
    await desk.waitForSelector('[data-testid=sla-panel]');
    expect(await text(desk, 'ticket-ref')).to.equal(bridge.ref);
    const dueBefore = (await getClock(db, bridge.id))!.resolution_due!;
    await desk.selectOption('[data-testid=pause-reason]', 'waiting_citizen');
    await desk.fill('[data-testid=pause-note]', 'Đề nghị công dân gửi ảnh chụp hiện trạng và vị trí cầu.');
    await desk.click('[data-testid=pause-clock]');
    await desk.waitForURL(`**/tickets/${bridge.ref}?done=paused`);
    expect(await text(desk, 'ticket-status')).to.equal('Chờ công dân');
    expect(await text(desk, 'sla-state')).to.equal('Tạm dừng');
    expect(await text(desk, 'pause-state')).to.contain('Chờ công dân bổ sung thông tin').and.contain('ảnh chụp hiện trạng');
    expect(await text(desk, 'sla-pauses')).to.contain('Chờ công dân bổ sung thông tin').and.contain('đang tạm dừng');
    const paused = (await getClock(db, bridge.id))!;
    expect([paused.pause_reason, paused.pause_note]).to.deep.equal(['waiting_citizen', 'Đề nghị công dân gửi ảnh chụp hiện trạng và vị trí cầu.']);
    expect((await db.models.Ticket.findByPk(bridge.id))!.status).to.equal('pending');

    // 4. The citizen answers the thread by mail; the poll resumes the clock.
    const answer = 'Tôi xin gửi ảnh chụp cầu treo, cầu nằm ở đầu bản Lác, cạnh nhà văn hóa.';
    await dv.deliver(sxdInbox.user, mail({ to: sxdInbox.user, from: `Đinh Thị Lan <${lan.address}>`, messageId: '<cau-treo-tra-loi@dan.hoabinh.test>',
      subject: `Re: [${bridge.ref}] Đề nghị sửa chữa cầu treo bản Lác`, body: answer, headers: [`In-Reply-To: ${bridgeId}`, `References: ${bridgeId}`] }));
    const second = await pollHotlines();
    expect([second.tickets, second.threaded]).to.deep.equal([0, 1]);
    await desk.reload();
    await desk.waitForSelector('[data-testid=sla-panel]');
    expect(await text(desk, 'sla-state')).to.equal('Trong hạn');
    expect(await text(desk, 'ticket-status')).not.to.equal('Chờ công dân');
    expect(await desk.$('[data-testid=pause-state]')).to.equal(null);
    expect(await text(desk, 'conversation')).to.contain(answer);
    expect(await text(desk, 'timeline')).to.contain('Tiếp tục tính hạn');
    const resumed = (await getClock(db, bridge.id))!;
    expect([resumed.paused_at, resumed.pause_reason]).to.deep.equal([null, null]);
    expect(resumed.resolution_due!.getTime()).to.be.at.least(dueBefore.getTime());
    expect((await db.models.Ticket.findByPk(bridge.id))!.status).to.equal('open');

    // 5. She answers with the template and the official letter as a PDF.
    await desk.selectOption('[data-testid=reply-template]', { label: 'Trả lời kèm công văn' });
    const filled = await desk.inputValue('[data-testid=reply-body]');
    // The deadline as the province reads it (Vietnam keeps UTC+7 all year): the resumed clock's, not the first one.
    const due = new Date((await db.models.Ticket.findByPk(bridge.id))!.due_at!.getTime() + 7 * 3_600_000);
    const two = (n: number) => String(n).padStart(2, '0');
    const dueText = `${two(due.getUTCDate())}/${two(due.getUTCMonth() + 1)}/${due.getUTCFullYear()} ${two(due.getUTCHours())}:${two(due.getUTCMinutes())}`;
    expect(filled).to.contain('Kính gửi Đinh Thị Lan,').and.contain(`Sở SXD đã nhận phản ánh số ${bridge.ref} và sẽ trả lời trước ${dueText}.`)
      .and.contain('Cán bộ xử lý: Hoàng Thị Xử').and.not.contain('{{');
    await desk.setInputFiles('[data-testid=reply-attachment]', { name: 'Cong van 45-SXD tra loi.pdf', mimeType: 'application/pdf', buffer: PDF });
    await desk.click('[data-testid=reply-send]');
    await desk.waitForURL(`**/tickets/${bridge.ref}?done=reply`);
    const reply = (await db.models.Outbox.findOne({ where: { ticket_id: bridge.id, kind: 'reply' } }))!;
    expect(reply.text_body).to.contain('Kính gửi Đinh Thị Lan,');
    expect((await db.models.OutboxAttachment.findAll({ where: { outbox_id: reply.id } })).map((f) => [f.filename, f.content_type]))
      .to.deep.equal([['Cong van 45-SXD tra loi.pdf', 'application/pdf']]);
    expect(await text(desk, 'sent-files')).to.contain('Cong van 45-SXD tra loi.pdf');
    expect(await text(desk, 'conversation')).to.contain('Chờ gửi');

    smtp.clear();
    expect((await flush()).sent).to.be.at.least(1);
    expect((await db.models.Outbox.findByPk(reply.id))!.status).to.equal('sent');
    const sent = smtp.messages.find((m) => m.raw.toString('latin1').includes(reply.message_id!))!;
    expect(sent, 'the reply reached the SMTP peer').to.exist;
    await dv.deliver(lan.address, sent.raw);
    const inMailbox = await withImapMailbox({ host: dv.host, port: dv.imapPort, secure: false, user: lan.address, pass: lan.password, folder: 'INBOX' }, async (mb) => {
      const out: Buffer[] = [];
      for await (const m of mb.fetchSources(await mb.uidsAfter(0))) out.push(m.source);
      return out;
    });
    expect(inMailbox).to.have.length(1);
    const received = await parseMail(inMailbox[0]);
    expect(received.inReplyTo, 'answers the citizen\'s latest mail').to.equal('cau-treo-tra-loi@dan.hoabinh.test');
    expect(received.references).to.include('cau-treo-ban-lac@dan.hoabinh.test').and.include('cau-treo-tra-loi@dan.hoabinh.test');
    expect(received.subject).to.contain(bridge.ref);
    expect(received.text).to.contain('Kính gửi Đinh Thị Lan,');
    expect(received.attachments.map((a) => [a.filename, a.contentType, a.sha256])).to.deep.equal([
      ['Cong van 45-SXD tra loi.pdf', 'application/pdf', createHash('sha256').update(PDF).digest('hex')]]);
    await desk.goto(`/tickets/${bridge.ref}`);
    expect(await text(desk, 'conversation')).to.contain('Đã gửi');
    await shoot(desk, 'ticket');
    if (process.env.UPDATE_README_SCREENSHOT === '1') {
      await desk.setViewportSize(README_TICKET_SIZE);
      await desk.screenshot({ path: README_TICKET });
      await desk.setViewportSize(LAPTOP);
    }

    // 6a. The supervisor refers the land-rent question to the finance department, after a confirmation.
    await boss.goto(`/tickets/${land.ref}`);
    await boss.selectOption('[data-testid=refer-to]', { label: 'Sở STC (STC)' });
    await boss.fill('[data-testid=refer-reason]', 'Thuộc thẩm quyền của Sở Tài chính');
    await boss.click('[data-testid=refer-submit]');
    await boss.waitForSelector('[data-testid=confirm]');
    expect(await text(boss, 'confirm')).to.contain(`Chuyển hồ sơ ${land.ref} đến cơ quan Sở STC (STC)?`);
    expect(await db.models.Referral.count()).to.equal(0);
    const outboxBefore = await db.models.Outbox.max('id') as number;
    await boss.click('[data-testid=confirm-yes]');
    await boss.waitForURL(`**/tickets/${land.ref}?done=referred`);
    expect(await text(boss, 'read-only')).to.contain('chuyển');
    const referral = (await db.models.Referral.findOne({ where: { ticket_id: land.id } }))!;
    const referred = (await db.models.Ticket.findByPk(referral.new_ticket_id))!;
    expect([referred.agency_id, referred.citizen_address]).to.deep.equal([stc.id, 'mai.congdan@example.vn']);
    const [oldClock, newClock] = [(await getClock(db, land.id))!, (await getClock(db, referred.id))!];
    expect([oldClock.read_only, newClock.read_only]).to.deep.equal([true, false]);
    expect(newClock.resolution_due, 'its own clock').to.be.instanceOf(Date);
    const notices = await db.models.Outbox.findAll({ where: { id: { [Op.gt]: outboxBefore }, to_address: 'mai.congdan@example.vn' } });
    expect(notices.map((n) => n.idempotency_key), 'one notice to the citizen').to.deep.equal([`referral:${land.id}`]);

    // 6b. … and merges the two mails about the building site's waste water, after a confirmation.
    await boss.goto(`/tickets/${sewageAgain.ref}`);
    await boss.click('[data-testid=merge-open]');
    await boss.waitForSelector('[data-testid=merge]');
    await boss.fill('[data-testid=merge-with]', sewage.ref);
    await boss.fill('[data-testid=merge-reason]', 'Cùng một phản ánh về nước thải công trình tổ 5');
    await boss.click('[data-testid=merge-submit]');
    await boss.waitForSelector('[data-testid=confirm]');
    expect(await text(boss, 'confirm')).to.contain(`Gộp hồ sơ ${sewageAgain.ref} vào hồ sơ ${sewage.ref}?`);
    expect((await db.models.Ticket.findByPk(sewageAgain.id))!.status, 'nothing merged before the confirmation').to.equal('new');
    const beforeMerge = await db.models.Outbox.max('id') as number;
    await boss.click('[data-testid=confirm-yes]');
    await boss.waitForURL(`**/tickets/${sewage.ref}?done=merged`);
    expect(await text(boss, 'conversation')).to.contain('Công trình ở tổ 5 xả nước thải ra đường.').and.contain('Hôm nay công trình vẫn xả nước thải.');
    expect((await db.models.Ticket.findByPk(sewageAgain.id))!.status).to.equal('closed');
    expect(await db.models.Message.count({ where: { ticket_id: sewage.id } })).to.equal(2);
    expect(await db.models.Outbox.count({ where: { id: { [Op.gt]: beforeMerge } } }), 'the citizen is not written to').to.equal(0);
    await shoot(boss, 'merged-ticket');
    await boss.goto('/tickets');
    await shoot(boss, 'queue-supervisor');
  });
});
