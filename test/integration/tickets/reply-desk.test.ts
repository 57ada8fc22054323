// The reply desk on both databases (issue 14 items 4 and 5): templates with variables and the agency's letter head
// and signature, a reply carrying a PDF that the citizen's real Dovecot mailbox receives threaded, "reply and close",
// the exact bytes sent kept and downloadable, the delivery state of a failed send, and stale-form refusal with its
// confirmation.
import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { startSmtpCapture, type SmtpCapture } from '../../support/smtp-capture.js';
import { startDovecot, type DovecotInstance } from '../../support/dovecot.js';
import { testApp, loginAgent, csrfOf } from '../../support/web.js';
import { createMailTransport } from '../../../server/mail/transport.js';
import { withImapMailbox } from '../../../server/mail/imap.js';
import { parseMail } from '../../../server/mail/parse.js';
import { flushOutbox } from '../../../server/services/outbox/flush.js';
import { saveLetterParts, saveTemplate } from '../../../server/services/replies/index.js';
import { addHotlineAgency, citizenMail, citizenMailbox, CITIZEN_PASSWORD, staff, type Hotline } from './ticket-fixture.js';

/** A small but real PDF (header, one empty page, trailer). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)![1];
const unfold = (raw: Buffer) => raw.toString('utf8').replace(/\r?\n[ \t]+/g, ' ');
const header = (raw: Buffer, name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(unfold(raw))?.[1].trim() ?? null;

forEachDb('reply desk: templates, attachments, exact bytes, stale forms', (getDb) => {
  let stp: Hotline;
  let smtp: SmtpCapture;
  let dv: DovecotInstance;
  let app: ReturnType<typeof testApp>;

  before(async () => {
    stp = await addHotlineAgency(getDb(), 'STP');
    smtp = await startSmtpCapture();
    dv = await startDovecot({ db: getDb() as never });
    app = testApp(getDb());
  });
  after(async () => {
    await smtp?.stop();
    await dv?.destroy();
  });

  const flush = async () => {
    const t = createMailTransport(smtp.url);
    try { return await flushOutbox(getDb(), t); } finally { t.close(); }
  };
  const citizenBox = async (local: string) => (await citizenMailbox(getDb(), local)).address;

  it('fills a template with the ticket\'s variables, sends it with a PDF under the agency\'s head and signature, closes the case, and the citizen\'s Dovecot mailbox receives it threaded', async () => {
    const db = getDb();
    const supervisor = (await staff(db, 'supervisor', stp.agencyId, 'Phạm Giám Sát')).user;
    const template = await saveTemplate(db, supervisor, { agencyId: stp.agencyId, name: 'Đã nhận hồ sơ',
      body: 'Kính gửi {{ten_cong_dan}},\n{{co_quan}} đã nhận hồ sơ {{ma_ho_so}}, hạn giải quyết {{han_giai_quyet}}.\nCán bộ: {{can_bo}}' });
    await saveLetterParts(db, supervisor, { agencyId: stp.agencyId, header: 'ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH\n{{co_quan}}', signature: 'Trân trọng,\n{{can_bo}}' });
    const address = await citizenBox('binh');
    const citizenId = '<hoi-giay-phep@citizen.example>';
    const t = await citizenMail(db, stp, { from: `Trần Thị Bình <${address}>`, messageId: citizenId, subject: 'Hỏi về giấy phép xây dựng' });
    const ticket = (await db.models.Ticket.findByPk(t.id))!;
    const { agent } = await loginAgent(app, await staff(db, 'agent', stp.agencyId, 'Lê Văn Xử Lý'));

    const page = await agent.get(`/tickets/${t.ref}`).query({ template: String(template) }).expect(200);
    const textarea = /<textarea id="f-body"[^>]*>([\s\S]*?)<\/textarea>/.exec(page.text)![1];
    expect(textarea).to.contain('Kính gửi Trần Thị Bình,').and.contain(`Sở STP tỉnh Hòa Bình đã nhận hồ sơ ${t.ref}`).and.contain('Cán bộ: Lê Văn Xử Lý');
    expect(textarea).not.to.contain('{{');
    if (ticket.due_at) expect(textarea).to.match(/hạn giải quyết \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\./);
    expect(page.text).to.contain('data-testid="reply-template"').and.contain('Đã nhận hồ sơ');

    const body = `Kính gửi Trần Thị Bình,\nSở trả lời hồ sơ ${t.ref} bằng công văn đính kèm.`;
    await agent.post(`/tickets/${t.ref}/reply`).field('_csrf', csrfOf(page.text)).field('version', versionOf(page.text)).field('body', body).field('close', '1')
      .attach('attachment', PDF, { filename: 'Cong van 123 tra loi.pdf', contentType: 'application/octet-stream' })
      .expect(303).expect('location', `/tickets/${t.ref}?done=reply`);
    expect((await db.models.Ticket.findByPk(t.id))!.status, 'reply and close').to.equal('closed');
    const row = (await db.models.Outbox.findOne({ where: { ticket_id: t.id, kind: 'reply' } }))!;
    expect(row.text_body).to.match(/^ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH\nSở STP tỉnh Hòa Bình\n\nKính gửi Trần Thị Bình,/).and.contain('Trân trọng,\nLê Văn Xử Lý');
    const files = await db.models.OutboxAttachment.findAll({ where: { outbox_id: row.id } });
    expect(files.map((f) => [f.filename, f.content_type])).to.deep.equal([['Cong van 123 tra loi.pdf', 'application/pdf']]);
    expect((await agent.get(`/tickets/${t.ref}`).expect(200)).text).to.contain('data-testid="sent-files"').and.contain('Chờ gửi');

    smtp.clear();
    expect((await flush()).sent).to.be.at.least(1);
    const sent = smtp.messages.find((m) => header(m.raw, 'Message-ID') === row.message_id)!;
    expect(sent, 'reply captured').to.exist;
    const stored = (await db.models.Outbox.findByPk(row.id))!;
    expect(stored.status).to.equal('sent');
    expect(stored.raw_sha256, 'the exact bytes sent are kept beside the inbound raw mail').to.equal(createHash('sha256').update(sent.raw).digest('hex'));
    const eml = await agent.get(`/tickets/${t.ref}/sent/${row.id}.eml`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200).expect('content-type', /message\/rfc822/);
    expect(Buffer.compare(eml.body as Buffer, sent.raw)).to.equal(0);
    const shown = await agent.get(`/tickets/${t.ref}`).expect(200);
    expect(shown.text).to.contain(`/tickets/${t.ref}/sent/${row.id}.eml`).and.contain('Đã gửi');

    await dv.deliver(address, sent.raw);
    const received = await withImapMailbox({ host: dv.host, port: dv.imapPort, secure: false, user: address, pass: CITIZEN_PASSWORD, folder: 'INBOX' }, async (mb) => {
      const out: Buffer[] = [];
      for await (const m of mb.fetchSources(await mb.uidsAfter(0))) out.push(m.source);
      return out;
    });
    expect(received).to.have.length(1);
    const parsed = await parseMail(received[0]);
    expect(parsed.inReplyTo).to.equal('hoi-giay-phep@citizen.example');
    expect(parsed.references).to.include('hoi-giay-phep@citizen.example');
    expect(parsed.subject).to.contain(t.ref);
    expect(parsed.text).to.contain('Sở trả lời hồ sơ').and.match(/\[#GM:STP-\d{4}-\d{6}:[0-9a-f]{16}\]/);
    expect(parsed.attachments.map((a) => [a.filename, a.contentType, a.sha256])).to.deep.equal([
      ['Cong van 123 tra loi.pdf', 'application/pdf', createHash('sha256').update(PDF).digest('hex')]]);
  });

  it('refuses a file that is not a PDF, PNG or JPEG, keeping the text, and sends nothing', async () => {
    const db = getDb();
    const t = await citizenMail(db, stp);
    const { agent } = await loginAgent(app, await staff(db, 'agent', stp.agencyId));
    const page = await agent.get(`/tickets/${t.ref}`).expect(200);
    const res = await agent.post(`/tickets/${t.ref}/reply`).field('_csrf', csrfOf(page.text)).field('body', 'Xin gửi công văn.')
      .attach('attachment', Buffer.from('MZ\x90\x00 not a letter'), { filename: 'cong-van.pdf', contentType: 'application/pdf' }).expect(422);
    expect(res.text).to.contain('data-testid="attachment-error"').and.contain('Chỉ đính kèm được tệp PDF').and.contain('Xin gửi công văn.');
    expect(await db.models.Outbox.count({ where: { ticket_id: t.id, kind: 'reply' } })).to.equal(0);
  });

  it('shows a reply the relay refused for good as failed, with the relay\'s answer, and one that bounced as bounced', async () => {
    const db = getDb();
    const t = await citizenMail(db, stp, { from: 'khong-ton-tai@example.vn' });
    const { agent, csrf } = await loginAgent(app, await staff(db, 'agent', stp.agencyId));
    await agent.post(`/tickets/${t.ref}/reply`).type('form').send({ _csrf: csrf, body: 'Trả lời lần một.' }).expect(303);
    const row = (await db.models.Outbox.findOne({ where: { ticket_id: t.id, kind: 'reply' } }))!;
    await db.models.Outbox.update({ next_attempt_at: new Date(Date.now() + 3_600_000) }, { where: { id: row.id } });
    await flush(); // the receipt and earlier mail first, so the refusal meets the reply
    await db.models.Outbox.update({ next_attempt_at: new Date() }, { where: { id: row.id } });
    smtp.failNext(550);
    await flush();
    expect((await db.models.Outbox.findByPk(row.id))!.status).to.equal('failed');
    const page = await agent.get(`/tickets/${t.ref}`).expect(200);
    expect(page.text).to.contain('state-failed').and.contain('Gửi lỗi').and.contain('data-testid="sent-error"');

    await agent.post(`/tickets/${t.ref}/reply`).type('form').send({ _csrf: csrf, body: 'Trả lời lần hai.' }).expect(303);
    const second = (await db.models.Outbox.findOne({ where: { ticket_id: t.id, kind: 'reply', status: 'queued' } }))!;
    await flush();
    // ingestion recognised a bounce naming this reply's Message-ID (ingest-message.ts storeBounce)
    await db.models.TicketEvent.create({ ticket_id: t.id, kind: 'bounce', message_id: null, details: JSON.stringify({ original: second.message_id!.slice(1, -1) }), at: new Date() });
    const after = await agent.get(`/tickets/${t.ref}`).expect(200);
    expect(after.text).to.contain('state-bounced').and.contain('Bị trả lại');
  });

  it('refuses a reply drawn before a colleague\'s note with what changed, and sends it once confirmed', async () => {
    const db = getDb();
    const t = await citizenMail(db, stp);
    const me = await loginAgent(app, await staff(db, 'agent', stp.agencyId, 'Cán Bộ Một'));
    const other = await loginAgent(app, await staff(db, 'agent', stp.agencyId, 'Cán Bộ Hai'));
    const page = await me.agent.get(`/tickets/${t.ref}`).expect(200);
    const seen = versionOf(page.text);
    const theirs = await other.agent.get(`/tickets/${t.ref}`).expect(200);
    expect(theirs.text, 'presence: the colleague sees who else has it open').to.contain('Đang mở hồ sơ này: Cán Bộ Một');
    await other.agent.post(`/tickets/${t.ref}/note`).type('form').send({ _csrf: other.csrf, note: 'Đã gọi điện cho công dân.' }).expect(303);

    const refused = await me.agent.post(`/tickets/${t.ref}/reply`).type('form').send({ _csrf: me.csrf, version: seen, body: 'Trả lời dựa trên trang cũ.' }).expect(409);
    expect(refused.text).to.contain('data-testid="stale-warning"').and.contain('Ghi chú').and.contain('data-testid="confirm-stale"').and.contain('Trả lời dựa trên trang cũ.');
    expect(await db.models.Outbox.count({ where: { ticket_id: t.id, kind: 'reply' } })).to.equal(0);
    const presence = await me.agent.post(`/tickets/${t.ref}/presence`).set('X-CSRF-Token', me.csrf).set('Accept', 'application/json').expect(200);
    expect(presence.body.version).to.be.above(Number(seen));

    await me.agent.post(`/tickets/${t.ref}/reply`).type('form').send({ _csrf: me.csrf, version: seen, confirm_stale: '1', body: 'Trả lời dựa trên trang cũ.' }).expect(303);
    expect(await db.models.Outbox.count({ where: { ticket_id: t.id, kind: 'reply' } })).to.equal(1);
    // one's own change is no news: a note after one's own reply, from the same old page, goes through
    await me.agent.post(`/tickets/${t.ref}/note`).type('form').send({ _csrf: me.csrf, version: versionOf((await me.agent.get(`/tickets/${t.ref}`)).text), note: 'Ghi chú của tôi.' }).expect(303);
  });

  it('refuses a status change drawn before the citizen wrote again, and does it on "do it anyway"', async () => {
    const db = getDb();
    const t = await citizenMail(db, stp, { from: 'an@example.vn', messageId: '<lan-1@example.vn>' });
    const { agent, csrf } = await loginAgent(app, await staff(db, 'agent', stp.agencyId));
    const seen = versionOf((await agent.get(`/tickets/${t.ref}`).expect(200)).text);
    await db.models.TicketEvent.create({ ticket_id: t.id, kind: 'inbound', message_id: null, details: null, at: new Date() });
    const refused = await agent.post(`/tickets/${t.ref}/status`).type('form').send({ _csrf: csrf, version: seen, status: 'pending' }).expect(409);
    expect(refused.text).to.contain('data-testid="stale-do-anyway"').and.contain('Công dân gửi thư').and.contain('name="status" value="pending"');
    expect((await db.models.Ticket.findByPk(t.id))!.status).not.to.equal('pending');
    await agent.post(`/tickets/${t.ref}/status`).type('form').send({ _csrf: csrf, version: seen, confirm_stale: '1', status: 'pending' }).expect(303);
    expect((await db.models.Ticket.findByPk(t.id))!.status).to.equal('pending');
  });
});
