// The staff workspace over HTTP, on both databases: agency scoping (404, never "exists elsewhere"), CSRF,
// read-only leaders, replies through the outbox to a real SMTP peer, and the citizen's answer threading back.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { startSmtpCapture, type SmtpCapture } from '../../support/smtp-capture.js';
import { testApp, loginAgent, csrfOf } from '../../support/web.js';
import { createMailTransport } from '../../../server/mail/transport.js';
import { flushOutbox } from '../../../server/services/outbox/flush.js';
import { readOwnMessageId } from '../../../server/services/threading/index.js';
import { TEST_SECRET } from '../../support/web.js';
import { referTicket } from '../../../server/services/tickets/referral.js';
import { TicketOpener } from '../../../server/services/tickets/open-ticket.js';
import { addHotlineAgency, citizenMail, ingest, mail, staff, type Hotline } from './ticket-fixture.js';

const unfold = (raw: Buffer) => raw.toString('utf8').replace(/\r?\n[ \t]+/g, ' ');
const header = (raw: Buffer, name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(unfold(raw))?.[1].trim() ?? null;

forEachDb('ticket workspace', (getDb) => {
  let stp: Hotline;
  let stc: Hotline;
  let smtp: SmtpCapture;
  let app: ReturnType<typeof testApp>;

  before(async () => {
    stp = await addHotlineAgency(getDb(), 'STP');
    stc = await addHotlineAgency(getDb(), 'STC');
    smtp = await startSmtpCapture();
    app = testApp(getDb());
  });
  after(async () => smtp?.stop());

  const flush = async () => {
    const t = createMailTransport(smtp.url);
    try { return await flushOutbox(getDb(), t); } finally { t.close(); }
  };

  it('shows agents only their own agency\'s tickets and answers 404 for another agency\'s ref, on pages and posts', async () => {
    const db = getDb();
    const mine = await citizenMail(db, stp, { subject: 'Đèn đường hỏng ở phường Tân Thịnh' });
    const theirs = await citizenMail(db, stc, { subject: 'Hồ sơ của Sở khác' });
    const { agent, csrf } = await loginAgent(app, await staff(db, 'agent', stp.agencyId));
    const queue = await agent.get('/tickets').expect(200);
    expect(queue.text).to.contain(mine.ref).and.contain('Đèn đường hỏng');
    expect(queue.text).not.to.contain(theirs.ref);
    await agent.get(`/tickets/${theirs.ref}`).expect(404);
    await agent.get('/tickets/STP-2026-999999').expect(404);
    await agent.post(`/tickets/${theirs.ref}/reply`).type('form').send({ _csrf: csrf, body: 'xin chào' }).expect(404);
    await agent.post(`/tickets/${theirs.ref}/note`).type('form').send({ _csrf: csrf, note: 'x' }).expect(404);
    await agent.post(`/tickets/${theirs.ref}/status`).type('form').send({ _csrf: csrf, status: 'closed' }).expect(404);
    expect(await db.models.TicketEvent.count({ where: { ticket_id: theirs.id, kind: ['reply', 'note', 'status'] } })).to.equal(0);
    const admin = await loginAgent(app, await staff(db, 'admin', null));
    const all = await admin.agent.get('/tickets').expect(200);
    expect(all.text).to.contain(mine.ref).and.contain(theirs.ref);
  });

  it('finds tickets by text with or without tone marks, by ref, and counts them per status', async () => {
    const db = getDb();
    const t = await citizenMail(db, stp, { subject: 'Sạt lở đất ở xã Độc Lập', body: 'Đoạn đường bị sạt lở nghiêm trọng.' });
    const { agent } = await loginAgent(app, await staff(db, 'agent', stp.agencyId));
    for (const q of ['sạt lở', 'sat lo', 'SAT LO DAT', 'doc lap', t.ref.toLowerCase()]) {
      const res = await agent.get('/tickets').query({ q }).expect(200);
      expect(res.text, q).to.contain(t.ref);
    }
    const none = await agent.get('/tickets').query({ q: 'khong co gi nhu the nay' }).expect(200);
    expect(none.text).to.contain('data-testid="queue-empty"');
    const newCount = await db.models.Ticket.count({ where: { agency_id: stp.agencyId, status: 'new' } });
    const summary = /data-testid="status-summary">([\s\S]*?)<\/nav>/.exec((await agent.get('/tickets').expect(200)).text)![1];
    expect(summary).to.match(new RegExp(`Mới <b>${newCount}</b>`));
    const filtered = await agent.get('/tickets').query({ status: 'closed' }).expect(200);
    expect(filtered.text).not.to.contain(t.ref);
  });

  it('lets a leader read a ticket but shows no forms and refuses every post', async () => {
    const db = getDb();
    const t = await citizenMail(db, stp);
    const { agent, csrf } = await loginAgent(app, await staff(db, 'leader', stp.agencyId));
    const page = await agent.get(`/tickets/${t.ref}`).expect(200);
    expect(page.text).to.contain('data-testid="read-only"');
    expect(page.text).not.to.contain('data-testid="reply-form"');
    for (const [path, body] of [['reply', { body: 'x' }], ['note', { note: 'x' }], ['status', { status: 'closed' }], ['assign', { assignee: '' }]] as const) {
      await agent.post(`/tickets/${t.ref}/${path}`).type('form').send({ _csrf: csrf, ...body }).expect(403);
    }
    expect(await db.models.TicketEvent.count({ where: { ticket_id: t.id, kind: ['reply', 'note', 'status', 'assign'] } })).to.equal(0);
    const hr = await loginAgent(app, await staff(db, 'hr', stp.agencyId));
    await hr.agent.get('/tickets').expect(403);
  });

  it('refuses a reply posted without the CSRF token', async () => {
    const db = getDb();
    const t = await citizenMail(db, stp);
    const { agent } = await loginAgent(app, await staff(db, 'agent', stp.agencyId));
    const res = await agent.post(`/tickets/${t.ref}/reply`).type('form').send({ body: 'xin chào' }).set('Accept', 'application/json').expect(403);
    expect(res.body.error.id).to.equal('error.csrf');
    expect(await db.models.Outbox.count({ where: { ticket_id: t.id, kind: 'reply' } })).to.equal(0);
  });

  it('sends a reply through the outbox with our HMAC Message-ID and threading headers, and the citizen\'s answer threads back', async () => {
    const db = getDb();
    const citizenId = '<cau-hoi-1@citizen.example>';
    const t = await citizenMail(db, stp, { from: 'Trần Thị Bình <binh@example.vn>', messageId: citizenId, subject: 'Hỏi về giấy phép xây dựng' });
    const who = await staff(db, 'agent', stp.agencyId, 'Lê Văn Xử Lý');
    const { agent, csrf } = await loginAgent(app, who);
    await agent.post(`/tickets/${t.ref}/reply`).type('form').send({ _csrf: csrf, body: 'Kính gửi bà Bình,\nHồ sơ cần bổ sung bản vẽ.' })
      .expect(303).expect('location', `/tickets/${t.ref}?done=reply`);
    const event = (await db.models.TicketEvent.findOne({ where: { ticket_id: t.id, kind: 'reply' } }))!;
    const row = (await db.models.Outbox.findOne({ where: { idempotency_key: `reply:${event.id}` } }))!;
    expect(row.kind).to.equal('reply');
    expect(row.from_address).to.equal(stp.address);
    expect(row.to_address).to.equal('binh@example.vn');
    expect(row.text_body).to.contain('Hồ sơ cần bổ sung bản vẽ.').and.match(/\[#GM:STP-\d{4}-\d{6}:[0-9a-f]{16}\]/);
    expect(readOwnMessageId(row.message_id!, TEST_SECRET)).to.equal(t.ref);
    expect((await db.models.Ticket.findByPk(t.id))!.status).to.equal('open');
    expect(await db.models.AuditLog.count({ where: { action: 'ticket.reply', target: t.ref } })).to.equal(1);
    expect((await db.models.TicketSla.findByPk(t.id))!.first_response_at, 'first response on the legal clock').to.be.an.instanceOf(Date);

    smtp.clear();
    expect((await flush()).sent).to.be.at.least(1);
    const sent = smtp.messages.find((m) => header(m.raw, 'Message-ID') === row.message_id)!;
    expect(sent, 'reply captured').to.exist;
    expect(sent.envelope.to).to.deep.equal(['binh@example.vn']);
    expect(header(sent.raw, 'Message-ID')).to.equal(row.message_id);
    expect(header(sent.raw, 'In-Reply-To')).to.equal(citizenId);
    expect(header(sent.raw, 'References')).to.contain(citizenId);
    expect(header(sent.raw, 'Subject')).to.contain(t.ref);
    expect(header(sent.raw, 'Auto-Submitted')).to.equal(null);

    const answer = mail({ to: stp.address, from: 'Trần Thị Bình <binh@example.vn>', subject: `Re: [${t.ref}] Hỏi về giấy phép`,
      headers: [`In-Reply-To: ${row.message_id}`, `References: ${row.message_id}`], body: 'Tôi đã gửi bản vẽ.' });
    expect(await ingest(db, stp, answer)).to.equal('threaded');
    const inbound = (await db.models.TicketEvent.findOne({ where: { ticket_id: t.id, kind: 'inbound' } }))!;
    expect(JSON.parse(inbound.details!).via).to.equal('own_message_id');
    expect(await db.models.Message.count({ where: { ticket_id: t.id, direction: 'in' } })).to.equal(2);
    const page = await agent.get(`/tickets/${t.ref}`).expect(200);
    expect(page.text).to.contain('Tôi đã gửi bản vẽ.').and.contain('Hồ sơ cần bổ sung bản vẽ.').and.contain('data-testid="event-reply"');
  });

  it('threads a citizen answer whose client dropped our Message-ID, via the body marker of the reply', async () => {
    const db = getDb();
    const t = await citizenMail(db, stp, { from: 'outlook@example.vn' });
    const { agent, csrf } = await loginAgent(app, await staff(db, 'agent', stp.agencyId));
    await agent.post(`/tickets/${t.ref}/reply`).type('form').send({ _csrf: csrf, body: 'Đã nhận.' }).expect(303);
    const row = (await db.models.Outbox.findOne({ where: { ticket_id: t.id, kind: 'reply' } }))!;
    const quoted = row.text_body.split('\n').map((l) => `> ${l}`).join('\n');
    const answer = mail({ to: stp.address, from: 'outlook@example.vn', subject: 'RE: câu hỏi', body: `Cảm ơn.\n\n${quoted}` });
    expect(await ingest(db, stp, answer)).to.equal('threaded');
    const inbound = (await db.models.TicketEvent.findOne({ where: { ticket_id: t.id, kind: 'inbound' } }))!;
    expect(JSON.parse(inbound.details!).via).to.equal('body_marker');
  });

  it('assigns only to staff of the ticket\'s agency, and filters the queue by assignee', async () => {
    const db = getDb();
    const t = await citizenMail(db, stp, { subject: 'Phân công thử' });
    const supervisor = await staff(db, 'supervisor', stp.agencyId);
    const colleague = await staff(db, 'agent', stp.agencyId, 'Phạm Thu Hà');
    const outsider = await staff(db, 'agent', stc.agencyId);
    const { agent, csrf } = await loginAgent(app, supervisor);
    const refused = await agent.post(`/tickets/${t.ref}/assign`).type('form').send({ _csrf: csrf, assignee: String(outsider.user.id) }).expect(422);
    expect(refused.text).to.contain('Chỉ phân công cho cán bộ của cơ quan');
    await agent.post(`/tickets/${t.ref}/assign`).type('form').send({ _csrf: csrf, assignee: String(colleague.user.id) }).expect(303);
    const page = await agent.get(`/tickets/${t.ref}`).expect(200);
    expect(/data-testid="ticket-assignee">([^<]*)</.exec(page.text)![1]).to.equal('Phạm Thu Hà');
    expect((await db.models.TicketSla.findByPk(t.id))!.assignee_id, 'reminders go to the new assignee').to.equal(colleague.user.id);
    const hers = await loginAgent(app, colleague);
    expect((await hers.agent.get('/tickets?assignee=me').expect(200)).text).to.contain(t.ref);
    expect((await hers.agent.get('/tickets?assignee=none').expect(200)).text).not.to.contain(t.ref);
    expect((await agent.get('/tickets?assignee=me').expect(200)).text).not.to.contain(t.ref);
    await agent.post(`/tickets/${t.ref}/assign`).type('form').send({ _csrf: csrf, assignee: '' }).expect(303);
    expect((await hers.agent.get('/tickets?assignee=none').expect(200)).text).to.contain(t.ref);
    expect(await db.models.AuditLog.count({ where: { action: 'ticket.assign', target: t.ref } })).to.equal(2);
  });

  it('assigns a ticket that has no legal clock (history import) through its events, and filters it the same way', async () => {
    const db = getDb();
    const { ticket } = await new TicketOpener(db).openOne({ agency: { id: stp.agencyId, code: 'STP' }, citizenAddress: 'old@example.vn', citizenName: null,
      subject: 'Thư cũ', receivedAt: new Date('2025-06-01T02:00:00Z'), history: true, triage: null, now: new Date() });
    expect(await db.models.TicketSla.findByPk(ticket.id)).to.equal(null);
    const colleague = await staff(db, 'agent', stp.agencyId);
    const { agent, csrf } = await loginAgent(app, colleague);
    expect((await agent.get('/tickets?assignee=none').expect(200)).text).to.contain(ticket.ref);
    await agent.post(`/tickets/${ticket.ref}/assign`).type('form').send({ _csrf: csrf, assignee: String(colleague.user.id) }).expect(303);
    expect((await agent.get('/tickets?assignee=me').expect(200)).text).to.contain(ticket.ref);
    expect((await agent.get('/tickets?assignee=none').expect(200)).text).not.to.contain(ticket.ref);
  });

  it('changes status with an event and an audit row, and re-renders an empty reply with the error', async () => {
    const db = getDb();
    const t = await citizenMail(db, stp);
    const { agent, csrf } = await loginAgent(app, await staff(db, 'agent', stp.agencyId));
    await agent.post(`/tickets/${t.ref}/status`).type('form').send({ _csrf: csrf, status: 'resolved' }).expect(303);
    expect((await db.models.Ticket.findByPk(t.id))!.status).to.equal('resolved');
    expect((await db.models.TicketSla.findByPk(t.id))!.resolved_at, 'the legal clock stops').to.be.an.instanceOf(Date);
    await agent.post(`/tickets/${t.ref}/status`).type('form').send({ _csrf: csrf, status: 'new' }).expect(422);
    const empty = await agent.post(`/tickets/${t.ref}/reply`).type('form').send({ _csrf: csrf, body: '   ' }).expect(422);
    expect(empty.text).to.contain('Vui lòng nhập nội dung trả lời.');
    expect(await db.models.AuditLog.count({ where: { action: 'ticket.status', target: t.ref } })).to.equal(1);
    expect(await db.models.TicketEvent.count({ where: { ticket_id: t.id, kind: 'status' } })).to.equal(1);
  });

  it('keeps the sending agency\'s copy of a referred ticket read-only: no forms, posts refused', async () => {
    const db = getDb();
    const t = await citizenMail(db, stp, { subject: 'Việc của Sở khác' });
    await referTicket(db, t.id, { toAgencyCode: 'STC', reason: 'Thuộc thẩm quyền Sở STC', actor: 'test', at: new Date(), mailFrom: 'no-reply@hoabinh.gov.vn' });
    const { agent, csrf } = await loginAgent(app, await staff(db, 'agent', stp.agencyId));
    const page = await agent.get(`/tickets/${t.ref}`).expect(200);
    expect(page.text).to.contain('data-testid="read-only"').and.not.contain('data-testid="reply-form"');
    await agent.post(`/tickets/${t.ref}/reply`).type('form').send({ _csrf: csrf, body: 'x' }).expect(403);
  });

  it('escapes citizen text and shows HTML mail only inside a sandboxed frame', async () => {
    const db = getDb();
    const raw = Buffer.from(['From: x@example.vn', `To: ${stp.address}`, 'Subject: <b>tiêu đề</b>', 'Message-ID: <html-1@example.vn>',
      'MIME-Version: 1.0', 'Content-Type: multipart/alternative; boundary="b"', '', '--b', 'Content-Type: text/plain; charset=utf-8', '',
      'Văn bản <script>alert(1)</script>', '--b', 'Content-Type: text/html; charset=utf-8', '',
      '<p onclick="evil()">Nội dung <b>đậm</b></p><script>alert(2)</script>', '--b--', ''].join('\r\n'));
    expect(await ingest(db, stp, raw)).to.equal('ticket');
    const ref = (await db.models.Ticket.findOne({ where: { citizen_address: 'x@example.vn' } }))!.ref;
    const { agent } = await loginAgent(app, await staff(db, 'agent', stp.agencyId));
    const page = (await agent.get(`/tickets/${ref}`).expect(200)).text;
    expect(page).not.to.contain('<script>alert');
    expect(page).to.contain('&lt;script&gt;alert(1)');
    expect(page).to.match(/<iframe class="mail-html" sandbox="" [^>]*srcdoc="&lt;p&gt;Nội dung &lt;b&gt;đậm/);
    expect(page).not.to.contain('evil()');
  });
});

forEachDb('citizen case lookup', (getDb) => {
  let stp: Hotline;
  let app: ReturnType<typeof testApp>;
  before(async () => {
    stp = await addHotlineAgency(getDb(), 'SYT');
    app = testApp(getDb());
  });

  async function lookup(appUnder: ReturnType<typeof testApp>, ref: string, code: string) {
    const { default: request } = await import('supertest');
    const agent = request.agent(appUnder);
    const form = await agent.get('/tra-cuu').expect(200);
    const csrf = csrfOf(form.text);
    return agent.post('/tra-cuu').type('form').send({ _csrf: csrf, ref, code });
  }

  it('shows status, agency, dates and sent replies for the right code, and never internal notes', async () => {
    const db = getDb();
    const t = await citizenMail(db, stp, { subject: 'Khám chữa bệnh' });
    const { agent, csrf } = await loginAgent(app, await staff(db, 'agent', stp.agencyId));
    await agent.post(`/tickets/${t.ref}/note`).type('form').send({ _csrf: csrf, note: 'GHI CHÚ NỘI BỘ bí mật' }).expect(303);
    await agent.post(`/tickets/${t.ref}/reply`).type('form').send({ _csrf: csrf, body: 'Sở đã chuyển hồ sơ tới bệnh viện.' }).expect(303);
    const res = await lookup(app, t.ref.toLowerCase(), ` ${t.code!.slice(0, 4)} ${t.code!.slice(4)} `);
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('data-testid="lookup-result"').and.contain('Sở SYT tỉnh Hòa Bình').and.contain('Đang xử lý')
      .and.contain('Sở đã chuyển hồ sơ tới bệnh viện.');
    expect(res.text).not.to.contain('GHI CHÚ NỘI BỘ');
  });

  it('gives the same generic answer for a wrong code and for an unknown ref', async () => {
    const db = getDb();
    const t = await citizenMail(db, stp);
    const wrongCode = String((Number(t.code) + 1) % 100_000_000).padStart(8, '0');
    const wrong = await lookup(app, t.ref, wrongCode);
    const unknown = await lookup(app, 'SYT-2026-999999', t.code!);
    expect(wrong.status).to.equal(404);
    expect(unknown.status).to.equal(404);
    const message = (html: string) => /data-testid="lookup-error">([^<]*)</.exec(html)![1];
    expect(message(wrong.text)).to.equal(message(unknown.text));
    expect(wrong.text).not.to.contain('data-testid="lookup-result"');
  });

  it('rate-limits lookups per address and audit-logs it once per window (issue 13 item 10, rate-limit audit)', async () => {
    const limited = testApp(getDb());
    const before = await getDb().models.AuditLog.count({ where: { action: 'lookup.rate_limited' } });
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await lookup(limited, 'SYT-2026-000001', '00000000')).status);
    expect(statuses.slice(20)).to.deep.equal([429, 429, 429, 429, 429]);
    expect(await getDb().models.AuditLog.count({ where: { action: 'lookup.rate_limited' } }) - before).to.equal(1);
  });
});
