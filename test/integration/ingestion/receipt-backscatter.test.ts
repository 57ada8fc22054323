// Issue 13 item 5, backscatter and phishing through receipts: anyone can put a stranger in Reply-To and a lure
// in the subject, and the receipt (signed by the agency, sent from its hotline) used to carry both to that
// stranger, at any number of addresses. Now the receipt goes to From (Reply-To only in From's own domain), its
// subject is fixed text and the case ref, and past RECEIPTS_PER_HOUR receipts are held in the outbox with the
// reason while the admins get one alert per hour. Real Dovecot, real SMTP capture.
import { expect } from 'chai';
import { simpleParser } from 'mailparser';
import { Op } from 'sequelize';
import { forEachDb, type TestDb } from '../../support/databases.js';
import type { DovecotInstance } from '../../support/dovecot.js';
import type { SmtpCapture } from '../../support/smtp-capture.js';
import { createMailTransport } from '../../../server/mail/transport.js';
import { flushOutbox } from '../../../server/services/outbox/flush.js';
import type { ImapConfig } from '../../../server/mail/imap.js';
import { addHotline, append, DOMAIN, ingestCtx, mail, poll, startHotlineServers } from './hotline-fixture.js';

const LURE = 'Nhận hỗ trợ 5 triệu đồng tại http://nhan-tien.example/dang-ky';

forEachDb('backscatter and phishing through receipts (issue 13 item 5)', (getDb) => {
  let dv: DovecotInstance;
  let smtp: SmtpCapture;
  let stp: ImapConfig;
  const STP = `stp@${DOMAIN}`;
  const db = (): TestDb => getDb();
  const flush = async () => {
    const t = createMailTransport(smtp.url);
    try { return await flushOutbox(db(), t); } finally { t.close(); }
  };
  /** The receipts the SMTP peer got, as the recipient reads them. */
  const receipts = async () => Promise.all(smtp.messages.filter((m) => m.raw.includes('Auto-Submitted: auto-replied'))
    .map(async (m) => ({ to: m.envelope.to, parsed: await simpleParser(m.raw) })));

  before(async function () {
    this.timeout(60_000);
    ({ dv, smtp } = await startHotlineServers(db()));
    stp = await addHotline(db(), dv, 'STP');
  });
  beforeEach(() => smtp.clear());
  after(async () => {
    await smtp?.stop();
    await dv?.destroy();
  });

  it("sends the receipt to From, not to a Reply-To in another domain, with the sender's subject nowhere in it", async () => {
    await append(stp, [mail({ to: STP, from: 'Kẻ Giả <gia@attacker.example>', subject: LURE, headers: ['Reply-To: nan.nhan@victim.example'] })]);
    expect((await poll(db())).tickets).to.equal(1);
    await flush();
    const got = await receipts();
    expect(got.map((r) => r.to)).to.deep.equal([['gia@attacker.example']]);
    const ticket = (await db().models.Ticket.findOne({ order: [['id', 'DESC']] }))!;
    expect(got[0]!.parsed.subject).to.equal(`[${ticket.ref}] Đã tiếp nhận / Received`);
    expect(`${got[0]!.parsed.subject}\n${got[0]!.parsed.text}\n${got[0]!.parsed.html}`).not.to.contain('nhan-tien.example');
    expect(await db().models.Outbox.count({ where: { to_address: 'nan.nhan@victim.example' } })).to.equal(0);
  });

  it("sends it to a Reply-To in From's own domain", async () => {
    await append(stp, [mail({ to: STP, from: 'Nguyễn Văn B <b@congdan.example>', subject: 'Hỏi thủ tục', headers: ['Reply-To: B <B.Nha@CongDan.example>'] })]);
    await poll(db());
    await flush();
    expect((await receipts()).map((r) => r.to)).to.deep.equal([['b.nha@congdan.example']]);
  });

  it('holds receipts past RECEIPTS_PER_HOUR in the outbox with the reason, and alerts the admins once per hour', async () => {
    const ctx = ingestCtx({ receiptsPerHour: 4 }); // two receipts of the cases above are already in the hour
    const senders = Array.from({ length: 5 }, (_, i) => `nguoi${i}@dan${i}.example`);
    await append(stp, senders.slice(0, 4).map((from) => mail({ to: STP, from, subject: 'Phản ánh' })));
    expect((await poll(db(), ctx)).tickets).to.equal(4);
    const acks = await db().models.Outbox.findAll({ where: { kind: 'ack', to_address: senders }, order: [['id', 'ASC']], raw: true });
    expect(acks.map((a) => a.status)).to.deep.equal(['queued', 'queued', 'held', 'held']);
    for (const held of acks.slice(2)) expect(held.last_error).to.contain('RECEIPTS_PER_HOUR');
    const alerts = () => db().models.Outbox.findAll({ where: { kind: 'alert', subject: { [Op.like]: '%RECEIPTS_PER_HOUR%' } }, raw: true });
    expect((await alerts()).map((a) => a.to_address)).to.deep.equal(['admin@hoabinh.gov.vn']);

    await flush();
    expect((await receipts()).map((r) => r.to)).to.deep.equal([[senders[0]], [senders[1]]]);
    expect(smtp.messages.filter((m) => m.envelope.to.includes('admin@hoabinh.gov.vn'))).to.have.length(1);

    // Still over the rate in the same hour: held again, no second alert.
    await append(stp, [mail({ to: STP, from: senders[4]!, subject: 'Phản ánh' })]);
    expect((await poll(db(), ctx)).tickets).to.equal(1);
    expect((await db().models.Outbox.findOne({ where: { kind: 'ack', to_address: senders[4] }, raw: true }))!.status).to.equal('held');
    expect(await alerts()).to.have.length(1);
    expect(await db().models.Ticket.count({ where: { citizen_address: senders } })).to.equal(5);
  });
});
