// helpdesk.md §7: each failure mode of the anchors, against a real Dovecot and an SMTP capture.
import { expect } from 'chai';
import { forEachDb, type TestDb } from '../../support/databases.js';
import type { DovecotInstance } from '../../support/dovecot.js';
import type { SmtpCapture } from '../../support/smtp-capture.js';
import { createMailTransport } from '../../../server/mail/transport.js';
import { flushOutbox } from '../../../server/services/outbox/flush.js';
import type { ImapConfig } from '../../../server/mail/imap.js';
import { addHotline, append, DOMAIN, ingestCtx, mail, poll, startHotlineServers } from './hotline-fixture.js';

forEachDb('hotline ingestion failure modes', (getDb) => {
  let dv: DovecotInstance;
  let smtp: SmtpCapture;
  let stp: ImapConfig;
  let stc: ImapConfig;
  const STP = `stp@${DOMAIN}`;
  const db = (): TestDb => getDb();
  const flush = async (now?: Date) => {
    const t = createMailTransport(smtp.url);
    try { return await flushOutbox(db(), t, now ? { now } : {}); } finally { t.close(); }
  };
  const acks = () => db().models.Outbox.count({ where: { kind: 'ack' } });
  const tickets = () => db().models.Ticket.count();

  before(async function () {
    this.timeout(60_000);
    ({ dv, smtp } = await startHotlineServers(db()));
    stp = await addHotline(db(), dv, 'STP');
    stc = await addHotline(db(), dv, 'STC');
  });
  after(async () => {
    await smtp?.stop();
    await dv?.destroy();
  });

  it('#1 out-of-office reply to our acknowledgement attaches to the ticket without a new ticket or second ack', async () => {
    await append(stp, [mail({ to: STP, from: 'ooo@example.vn' })]);
    expect((await poll(db())).tickets).to.equal(1);
    await flush();
    const ack = smtp.messages.at(-1)!.raw.toString();
    expect(ack).to.match(/Auto-Submitted: auto-replied/i);
    const ackId = /^Message-ID:\s*(<[^>]+>)/im.exec(ack.replace(/\r?\n[ \t]+/g, ' '))![1];
    const ticket = (await db().models.Ticket.findOne({ where: { citizen_address: 'ooo@example.vn' } }))!;
    const variants = [['Auto-Submitted: auto-replied'], ['Auto-Submitted: vacation'], ['X-Auto-Response-Suppress: All', 'X-MS-Exchange-Inbox-Rules-Loop: ooo@example.vn'], ['Precedence: auto_reply'], []];
    await append(stp, variants.map((headers, i) => mail({ to: STP, from: 'ooo@example.vn', subject: i === 4 ? 'Automatic reply: Đã tiếp nhận' : 'Out of office',
      headers: [`In-Reply-To: ${ackId}`, ...headers] })));
    const [t0, a0] = [await tickets(), await acks()];
    const counts = await poll(db());
    expect(counts.auto).to.equal(5);
    expect(await tickets()).to.equal(t0);
    expect(await acks()).to.equal(a0);
    const after = (await db().models.Ticket.findByPk(ticket.id))!;
    expect(after.status).to.equal(ticket.status);
    expect(after.due_at?.getTime()).to.equal(ticket.due_at?.getTime());
    expect(await db().models.Message.count({ where: { ticket_id: ticket.id, classification: 'auto_reply' } })).to.equal(5);
  });

  it('#2 a bounce of our acknowledgement links to the original ticket, flags the address and sends nothing', async () => {
    await append(stp, [mail({ to: STP, from: 'gone@example.vn' })]);
    await poll(db());
    await flush();
    const ack = smtp.messages.at(-1)!.raw.toString();
    const ackId = /^Message-ID:\s*(<[^>]+>)/im.exec(ack.replace(/\r?\n[ \t]+/g, ' '))![1];
    const dsn = Buffer.from(['From: MAILER-DAEMON@mx.example.vn', `To: ${STP}`, 'Subject: Undelivered Mail Returned to Sender', 'Message-ID: <dsn1@mx.example.vn>',
      'MIME-Version: 1.0', 'Content-Type: multipart/report; report-type=delivery-status; boundary="b"', '', '--b', 'Content-Type: text/plain', '', 'failed', '',
      '--b', 'Content-Type: message/delivery-status', '', 'Action: failed', 'Status: 5.1.1', '', '--b', 'Content-Type: message/rfc822', '',
      `Message-ID: ${ackId}`, `To: gone@example.vn`, 'Subject: x', '', 'body', '--b--', ''].join('\r\n'));
    const a0 = await acks();
    await append(stp, [dsn]);
    expect((await poll(db())).bounces).to.equal(1);
    const ticket = (await db().models.Ticket.findOne({ where: { citizen_address: 'gone@example.vn' } }))!;
    expect(ticket.undeliverable).to.equal(true);
    expect(await db().models.Message.count({ where: { ticket_id: ticket.id, classification: 'bounce' } })).to.equal(1);
    expect(await acks()).to.equal(a0);
    await append(stp, [Buffer.from(dsn.toString().replace('dsn1@', 'dsn2@'))]);
    await poll(db());
    expect(await db().models.Outbox.count({ where: { to_address: 'gone@example.vn' } })).to.equal(1);
  });

  it('#3 an auto-responder without auto headers gets at most 3 receipts an hour, and an admin alert', async () => {
    await append(stp, Array.from({ length: 6 }, (_, i) => mail({ to: STP, from: 'robot@example.vn', subject: `${'Re: '.repeat(i)}Thông báo số ${i}` })));
    await poll(db());
    expect(await db().models.Ticket.count({ where: { citizen_address: 'robot@example.vn' } })).to.be.greaterThan(0);
    expect(await db().models.Outbox.count({ where: { to_address: 'robot@example.vn' } })).to.be.at.most(3);
    expect(await db().models.Outbox.count({ where: { kind: 'alert', to_address: 'admin@hoabinh.gov.vn' } })).to.be.greaterThan(0);
  });

  it('#4 a message read by a human before we fetch is still ingested exactly once', async () => {
    await append(stp, [mail({ to: STP, from: 'seen@example.vn' })], ['\\Seen']);
    await poll(db());
    await poll(db());
    expect(await db().models.Ticket.count({ where: { citizen_address: 'seen@example.vn' } })).to.equal(1);
  });

  it('#5 a crash before the cursor moved on the server side re-fetches but creates no duplicate ticket or ack', async () => {
    const [t0, a0, m0] = [await tickets(), await acks(), await db().models.Message.count()];
    await db().models.HotlineInbox.update({ last_uid: 0 }, { where: {} }); // as if every commit but the cursor were lost
    const counts = await poll(db());
    expect(counts.tickets + counts.threaded).to.equal(0);
    expect([await tickets(), await acks(), await db().models.Message.count()]).to.deep.equal([t0, a0, m0]);
  });

  it('#6 the same mail To agency A and Cc agency B gives one linked ticket per agency; a mail without Message-ID twice gives one', async () => {
    const raw = mail({ to: STP, cc: `stc@${DOMAIN}`, from: 'both@example.vn', messageId: '<shared-1@example.vn>' });
    await append(stp, [raw]);
    await append(stc, [raw]);
    await poll(db());
    const both = await db().models.Ticket.findAll({ where: { citizen_address: 'both@example.vn' }, order: [['id', 'ASC']] });
    expect(both.map((t) => t.agency_id)).to.have.members([both[0].agency_id, both[1].agency_id]).and.have.length(2);
    expect(both[0].agency_id).not.to.equal(both[1].agency_id);
    expect(both[1].related_ticket_id).to.equal(both[0].id);
    const noId = mail({ to: STP, from: 'noid@example.vn', messageId: null });
    await append(stp, [noId, noId]);
    await poll(db());
    expect(await db().models.Ticket.count({ where: { citizen_address: 'noid@example.vn' } })).to.equal(1);
  });

  it('#7 a poison message is quarantined with its reason and raw bytes and does not block the next one', async () => {
    await append(stp, [Buffer.from('\r\n\r\n   \r\n'), mail({ to: STP, from: 'after-poison@example.vn' })]);
    const counts = await poll(db());
    expect(counts.quarantined).to.equal(1);
    expect(await db().models.Ticket.count({ where: { citizen_address: 'after-poison@example.vn' } })).to.equal(1);
    const q = (await db().models.Message.findOne({ where: { classification: 'quarantined' } }))!;
    expect(q.quarantine_reason).to.equal('unparseable');
    expect(await db().models.RawMessage.findByPk(q.sha256)).to.not.equal(null);
  });

  it('#8 a stranger quoting a case ref in the subject opens a new ticket linked "may relate to"; the citizen threads', async () => {
    const victim = (await db().models.Ticket.findOne({ where: { citizen_address: 'seen@example.vn' } }))!;
    await append(stp, [mail({ to: STP, from: 'stranger@example.org', subject: `Re: [${victim.ref}] hỏi` })]);
    await poll(db());
    const stranger = (await db().models.Ticket.findOne({ where: { citizen_address: 'stranger@example.org' } }))!;
    expect(stranger.related_ticket_id).to.equal(victim.id);
    expect(stranger.relation).to.equal('may_relate_to');
    await append(stp, [mail({ to: STP, from: 'seen@example.vn', subject: `Re: [${victim.ref}] bổ sung` })]);
    expect((await poll(db())).threaded).to.equal(1);
  });

  it('#9 a UIDVALIDITY change re-seeds the cursor and re-imports nothing; history before the cut-off gets no receipt', async () => {
    const [t0, a0] = [await tickets(), await acks()];
    await db().models.HotlineInbox.update({ uid_validity: '1' }, { where: {} });
    await poll(db());
    expect([await tickets(), await acks()]).to.deep.equal([t0, a0]);
    const hist = await addHotline(db(), dv, 'SXD', { historyCutoff: new Date(Date.now() + 3_600_000) });
    await append(hist, [mail({ to: `sxd@${DOMAIN}`, from: 'old@example.vn' })]);
    await poll(db(), ingestCtx(), 'SXD');
    const old = (await db().models.Ticket.findOne({ where: { citizen_address: 'old@example.vn' } }))!;
    expect(old.history).to.equal(true);
    expect(await db().models.Outbox.count({ where: { to_address: 'old@example.vn' } })).to.equal(0);
  });

  it('#10 a failing inbox does not stop the others, records its error state and alerts once', async () => {
    const bad = await addHotline(db(), dv, 'SYT', { password: 'wrong-password' });
    void bad;
    await append(stc, [mail({ to: `stc@${DOMAIN}`, from: 'isolated@example.vn' })]);
    await poll(db());
    await poll(db());
    expect(await db().models.Ticket.count({ where: { citizen_address: 'isolated@example.vn' } })).to.equal(1);
    const agency = (await db().models.Agency.findOne({ where: { code: 'SYT' } }))!;
    const inbox = (await db().models.HotlineInbox.findOne({ where: { agency_id: agency.id } }))!;
    expect(inbox.consecutive_failures).to.equal(2);
    expect(inbox.last_error).to.match(/auth/i);
    expect(await db().models.Outbox.count({ where: { kind: 'alert', subject: { [(await import('sequelize')).Op.like]: '%cannot be fetched%' } } })).to.equal(1);
    await db().models.HotlineInbox.update({ active: false }, { where: { id: inbox.id } });
  });

  it('outage: SMTP 451 then 250 sends the acknowledgement exactly once', async () => {
    await flush();
    await append(stp, [mail({ to: STP, from: 'retry@example.vn' })]);
    await poll(db());
    smtp.failNext(451);
    expect((await flush()).deferred).to.equal(1);
    expect((await flush(new Date(Date.now() + 3_600_000))).sent).to.be.greaterThan(0);
    await flush(new Date(Date.now() + 7_200_000));
    expect(smtp.messages.filter((m) => m.envelope.to.includes('retry@example.vn'))).to.have.length(1);
  });

  it('outage: Dovecot stopped mid-service loses nothing once it is back', async () => {
    await dv.stop();
    await poll(db());
    await dv.restart();
    await append(stp, [mail({ to: STP, from: 'outage@example.vn' })]);
    await poll(db());
    expect(await db().models.Ticket.count({ where: { citizen_address: 'outage@example.vn' } })).to.equal(1);
  });
});
