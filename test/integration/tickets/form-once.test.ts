// One-time form keys on the ticket page (issue 14 items 4 and 5; services/tickets/form-once.ts), both databases: a
// reply form posted twice at once (double click, browser resubmit, network retry) makes one outbox row and one mail
// at the SMTP peer, and the second POST is answered with the first one's result; the same form used again with
// other text is refused with the text kept; a note posted twice is written once.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { startSmtpCapture, type SmtpCapture } from '../../support/smtp-capture.js';
import { testApp, loginAgent, csrfOf } from '../../support/web.js';
import { createMailTransport } from '../../../server/mail/transport.js';
import { flushOutbox } from '../../../server/services/outbox/flush.js';
import { addHotlineAgency, citizenMail, staff, type Hotline } from './ticket-fixture.js';

const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)![1]!;
const formKeyOf = (html: string) => /name="form_key" value="([^"]+)"/.exec(html)![1]!;

forEachDb('ticket forms done once', (getDb) => {
  let h: Hotline;
  let smtp: SmtpCapture;
  let app: ReturnType<typeof testApp>;

  before(async () => {
    h = await addHotlineAgency(getDb(), 'FOK');
    smtp = await startSmtpCapture();
    app = testApp(getDb());
  });
  after(async () => { await smtp?.stop(); });

  const flush = async () => {
    const t = createMailTransport(smtp.url);
    try { return await flushOutbox(getDb(), t); } finally { t.close(); }
  };

  it('sends one mail for a reply form posted twice at once, and answers the second POST with the first', async () => {
    const db = getDb();
    const t = await citizenMail(db, h, { from: 'hai-lan@example.vn', subject: 'Đèn đường hỏng' });
    const { agent } = await loginAgent(app, await staff(db, 'agent', h.agencyId, 'Cán Bộ Bấm Hai Lần'));
    const page = (await agent.get(`/tickets/${t.ref}`).expect(200)).text;
    const text = 'Kính gửi công dân, đơn vị đã sửa đèn đường.';
    const post = () => agent.post(`/tickets/${t.ref}/reply`).field('_csrf', csrfOf(page)).field('version', versionOf(page))
      .field('form_key', formKeyOf(page)).field('body', text);
    const answers = await Promise.all([post(), post()]);
    expect(answers.map((a) => a.status)).to.deep.equal([303, 303]);
    expect(answers.map((a) => a.headers.location).sort()).to.deep.equal([`/tickets/${t.ref}?done=again`, `/tickets/${t.ref}?done=reply`]);
    expect(await db.models.Outbox.count({ where: { ticket_id: t.id, kind: 'reply' } })).to.equal(1);
    expect(await db.models.TicketEvent.count({ where: { ticket_id: t.id, kind: 'reply' } })).to.equal(1);

    const again = await agent.get(`/tickets/${t.ref}?done=again`).expect(200);
    expect(again.text).to.contain('đã được gửi một lần').and.contain(text);

    smtp.clear();
    await flush();
    // everything mailed to the citizen but the receipt: the answer, once
    const ack = (await db.models.Outbox.findOne({ where: { idempotency_key: `ack:${t.id}` } }))!;
    const header = (raw: Buffer, name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(raw.toString('utf8').replace(/\r?\n[ \t]+/g, ' '))?.[1]?.trim();
    const answers2 = smtp.messages.filter((m) => m.envelope.to.includes('hai-lan@example.vn') && header(m.raw, 'Message-ID') !== ack.message_id);
    expect(answers2, 'mails to the citizen besides the receipt').to.have.length(1);
  });

  it('refuses the same reply form sent again with other text, keeping the text, and sends nothing more', async () => {
    const db = getDb();
    const t = await citizenMail(db, h, { subject: 'Rác thải chưa thu gom' });
    const { agent } = await loginAgent(app, await staff(db, 'agent', h.agencyId));
    const page = (await agent.get(`/tickets/${t.ref}`).expect(200)).text;
    const send = (body: string) => agent.post(`/tickets/${t.ref}/reply`).type('form')
      .send({ _csrf: csrfOf(page), version: versionOf(page), form_key: formKeyOf(page), body });
    await send('Trả lời thứ nhất.').expect(303);
    const reused = await send('Một câu trả lời khác từ trang cũ.').expect(422);
    expect(reused.text).to.contain('đã được dùng để gửi một câu trả lời khác').and.contain('Một câu trả lời khác từ trang cũ.');
    expect(await db.models.Outbox.count({ where: { ticket_id: t.id, kind: 'reply' } })).to.equal(1);
    // the page drawn again has a new key: sending from it works
    const fresh = (await agent.get(`/tickets/${t.ref}`).expect(200)).text;
    expect(formKeyOf(fresh)).to.not.equal(formKeyOf(page));
    await agent.post(`/tickets/${t.ref}/reply`).type('form')
      .send({ _csrf: csrfOf(fresh), version: versionOf(fresh), form_key: formKeyOf(fresh), body: 'Trả lời thứ hai.' }).expect(303);
    expect(await db.models.Outbox.count({ where: { ticket_id: t.id, kind: 'reply' } })).to.equal(2);
  });

  it('writes one note for a note form posted twice at once', async () => {
    const db = getDb();
    const t = await citizenMail(db, h, { subject: 'Nước sinh hoạt đục' });
    const { agent } = await loginAgent(app, await staff(db, 'agent', h.agencyId));
    const page = (await agent.get(`/tickets/${t.ref}`).expect(200)).text;
    const post = () => agent.post(`/tickets/${t.ref}/note`).type('form')
      .send({ _csrf: csrfOf(page), version: versionOf(page), form_key: formKeyOf(page), note: 'Đã gọi điện cho công dân.' });
    const answers = await Promise.all([post(), post()]);
    expect(answers.map((a) => a.status)).to.deep.equal([303, 303]);
    expect(await db.models.TicketEvent.count({ where: { ticket_id: t.id, kind: 'note' } })).to.equal(1);
  });
});
