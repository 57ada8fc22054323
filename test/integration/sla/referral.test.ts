import { expect } from 'chai';
import { Op } from 'sequelize';
import { forEachDb } from '../../support/databases.js';
import { startSmtpCapture, type SmtpCapture } from '../../support/smtp-capture.js';
import { createMailTransport } from '../../../server/mail/transport.js';
import { parseMail } from '../../../server/mail/parse.js';
import { flushOutbox } from '../../../server/services/outbox/flush.js';
import { addPeriod, createCalendar } from '../../../server/services/sla/index.js';
import { ladderInstants } from '../../../server/services/sla/reminder-ladder.js';
import { getClock } from '../../../server/services/sla/clock-store.js';
import { pauseClock } from '../../../server/services/sla/pause.js';
import { slaTick } from '../../../server/services/sla/tick.js';
import { referTicket, referralOf, referralStats } from '../../../server/services/tickets/referral.js';
import { openTicket, setupOrg, type Org } from './sla-fixture.js';

const cal = createCalendar();
const REFER_AT = new Date('2027-02-12T10:00:00+07:00');

forEachDb('referral (chuyển đơn)', (getDb) => {
  let org: Org;
  let smtp: SmtpCapture;
  before(async () => {
    org = await setupOrg(getDb());
    smtp = await startSmtpCapture();
  });
  after(async () => {
    await smtp?.stop();
  });

  it('gives the receiving agency its own ticket and clock, keeps the sender read-only, and tells the citizen exactly once', async function () {
    this.timeout(60_000);
    const db = getDb();
    const t = await openTicket(db, '2027-02-03T09:00:00+07:00', 'Xây dựng trái phép', 'Công trình xây dựng trái phép cạnh nhà tôi.', org.stc, org);
    const { newTicket, referral, noticeQueued } = await referTicket(db, t.id, { toAgencyCode: 'sxd', reason: 'Thuộc thẩm quyền Sở Xây dựng', actor: 'an.nv', at: REFER_AT, mailFrom: 'no-reply@hoabinh.gov.vn' });
    expect(noticeQueued).to.equal(true);
    expect(newTicket.agency_id).to.equal(org.sxd.id);
    expect(newTicket.ref).to.match(/^SXD-2027-\d{6}$/);
    expect({ class: newTicket.class, category: newTicket.category, related: newTicket.related_ticket_id }).to.deep.equal({ class: t.class, category: t.category, related: t.id });
    // Forwarding target: 5 working days from 3/2 — Tết 5–11/2 does not count — is Tue 16/2; referred on 12/2, on time.
    expect(referral.forward_due!.getTime()).to.equal(addPeriod(t.received_at, { amount: 5, unit: 'working_days' }, cal).getTime());
    expect(referral.on_time).to.equal(true);

    const mine = (await getClock(db, newTicket.id))!;
    expect(mine.received_at.getTime()).to.equal(REFER_AT.getTime());
    expect(mine.resolution_due!.getTime()).to.equal(addPeriod(REFER_AT, { amount: 15, unit: 'calendar_days' }, cal).getTime());
    expect(mine.assignee_id).to.equal(org.agentSxd);
    const theirs = (await getClock(db, t.id))!;
    expect(theirs.read_only).to.equal(true);
    expect((await db.models.Ticket.findByPk(t.id))!.status).to.equal('closed');
    expect((await referralOf(db, newTicket.id))!.ticket_id).to.equal(t.id);
    let refused: Error | undefined;
    try { await pauseClock(db, t.id, { reason: 'waiting_citizen', at: REFER_AT, actor: 'an.nv' }); } catch (e) { refused = e as Error; }
    expect(refused?.message).to.contain('referred');

    // A second referral of the same ticket is refused, so the notice cannot be queued twice either.
    let again: Error | undefined;
    try { await referTicket(db, t.id, { toAgencyCode: 'SXD', reason: 'lặp', actor: 'x', at: REFER_AT, mailFrom: 'no-reply@hoabinh.gov.vn' }); } catch (e) { again = e as Error; }
    expect(again?.message).to.contain('already referred');

    const transport = createMailTransport(smtp.url);
    try {
      await flushOutbox(db, transport, { now: new Date('2027-02-12T03:01:00Z') });
      await flushOutbox(db, transport, { now: new Date('2027-02-12T03:02:00Z') });
    } finally {
      transport.close();
    }
    const toCitizen = smtp.messages.filter((m) => m.envelope.to.includes('congdan@example.vn'));
    expect(toCitizen).to.have.length(1);
    const body = (await parseMail(toCitizen[0]!.raw)).text;
    expect(body).to.contain(newTicket.ref);
    expect(body).to.contain('Sở Xây dựng');

    // The receiving agency's clock runs from the referral: its 50 % reminder fires at its own ladder instant.
    const ladder = ladderInstants(mine.resolution_start, mine.resolution_due!, cal);
    const half = ladder.find((f) => f.id === 'reminder_50')!.at;
    const tick = await slaTick(db, half);
    expect(tick.fired.filter((f) => f.ticketId === newTicket.id).map((f) => f.step)).to.include('reminder_50');
    expect(tick.fired.filter((f) => f.ticketId === t.id)).to.deep.equal([]);
    const reminder = await db.models.Outbox.findOne({ where: { idempotency_key: { [Op.like]: `sla:${newTicket.id}:reminder_50:%` } } });
    expect(reminder!.to_address).to.equal('cuong.lv@sxd.gov.vn');
  });

  it('counts a referral after the 5-working-day target as late', async () => {
    const db = getDb();
    const t = await openTicket(db, '2027-03-01T09:00:00+07:00', 'Hỏi về cấp phép', 'Xin hỏi giấy phép xây dựng.', org.stc, org);
    const { referral } = await referTicket(db, t.id, { toAgencyCode: 'SXD', reason: 'Sai thẩm quyền', actor: 'an.nv', at: new Date('2027-03-09T08:00:00+07:00'), mailFrom: 'no-reply@hoabinh.gov.vn' });
    expect(referral.on_time).to.equal(false);
    expect(await referralStats(db, { fromAgencyId: org.stc.id })).to.deep.equal({ referred: 2, onTime: 1, late: 1 });
  });
});
