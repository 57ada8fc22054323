// Issue 11: reminders and escalations go to people's official mailboxes, and one that reaches nobody alerts
// the admins instead of being silent. Real parts: a roster import makes the mailboxes and their accounts, the
// SLA tick queues, the outbox flushes to an SMTP capture.
import { expect } from 'chai';
import { Op } from 'sequelize';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { startSmtpCapture, type SmtpCapture } from '../../support/smtp-capture.js';
import { credentialsOf, importRows, seedHoabinh } from '../../support/provisioning-fixtures.js';
import { createMailTransport } from '../../../server/mail/transport.js';
import { parseMail } from '../../../server/mail/parse.js';
import { flushOutbox } from '../../../server/services/outbox/flush.js';
import { getClock } from '../../../server/services/sla/clock-store.js';
import { slaTick } from '../../../server/services/sla/tick.js';
import { ingestContextFor } from '../../../server/services/ingestion/context-from-env.js';
import { openTicket } from './sla-fixture.js';

const FROM = 'no-reply@hoabinh.gov.vn';

async function agency(db: TestDb, code: string) {
  const a = await db.models.Agency.findOne({ where: { code } });
  return { id: a!.id, code };
}

/** The person's account, made by the import, given a role and a username that is not their address. */
async function grant(db: TestDb, address: string, role: 'agent' | 'supervisor' | 'leader' | 'admin', over: { username?: string; agencyId?: number | null } = {}) {
  const user = await db.models.User.findOne({ where: { username: address } });
  await user!.update({ role, ...(over.username ? { username: over.username } : {}), ...(over.agencyId !== undefined ? { agency_id: over.agencyId } : {}) });
  return user!;
}

async function flushTo(db: TestDb, smtp: SmtpCapture): Promise<void> {
  const transport = createMailTransport(smtp.url);
  try {
    await flushOutbox(db, transport);
  } finally {
    transport.close();
  }
}

forEachDb('notifications reach official mailboxes', (getDb) => {
  let smtp: SmtpCapture;
  let addr: Map<string, string>;

  before(async function () {
    this.timeout(60_000);
    const db = getDb();
    smtp = await startSmtpCapture();
    await seedHoabinh(db);
    const people = [
      ['NT1', 'Nguyễn Văn Tâm', 'STP'], ['NT2', 'Trần Thị Sáng', 'STP'], ['NT3', 'Đỗ Văn Quản', 'VPUB'], ['NT4', 'Mai Thị Xa', 'SNV'],
    ].map(([employee_code, full_name, agency_code]) => ({ employee_code, full_name, agency_code, position: 'Chuyên viên' }));
    addr = new Map((await credentialsOf(db, await importRows(db, people))).map((c) => [c.employeeCode!, c.address]));
    // STP: an agent signing in as "tam.nv" and a supervisor whose username is an address the domain no longer has.
    await grant(db, addr.get('NT1')!, 'agent', { username: 'tam.nv' });
    await grant(db, addr.get('NT2')!, 'supervisor', { username: 'sang.tt@cu.stp.hoabinh.gov.vn' });
    // A province-wide admin (username not an address), and SNV's own admin, who must not hear of other agencies.
    await grant(db, addr.get('NT3')!, 'admin', { username: 'quan.dv', agencyId: null });
    await grant(db, addr.get('NT4')!, 'admin', { username: 'xa.mt' });
  });
  after(async () => {
    await smtp?.stop();
  });

  it("sends the assignee's reminders and the supervisor's escalation to their linked mailboxes, whatever the usernames", async function () {
    this.timeout(60_000);
    const db = getDb();
    const stp = await agency(db, 'STP');
    const agent = await db.models.User.findOne({ where: { username: 'tam.nv' } });
    const t = await openTicket(db, '2026-10-05T09:00:00+07:00', 'Hỏi về công chứng', 'Xin hỏi thủ tục công chứng hợp đồng.', stp);
    await db.models.TicketSla.update({ assignee_id: agent!.id }, { where: { ticket_id: t.id } });
    const clock = (await getClock(db, t.id))!;
    const tick = await slaTick(db, new Date(clock.resolution_due!.getTime() + 60_000), { from: FROM });
    const mine = tick.fired.filter((f) => f.ticketId === t.id);
    expect(mine.map((f) => f.kind)).to.include.members(['reminder', 'escalation']);
    expect(mine.every((f) => f.recipients === 1), 'every step reached one person').to.equal(true);

    smtp.clear();
    await flushTo(db, smtp);
    const sent = smtp.messages.map((m) => m.envelope.to.join(','));
    const reminders = mine.filter((f) => f.kind === 'reminder').length;
    expect(sent.filter((to) => to === addr.get('NT1'))).to.have.length(reminders);
    expect(sent.filter((to) => to === addr.get('NT2'))).to.have.length(1);
    expect(sent.filter((to) => to.includes('cu.stp') || to === 'tam.nv'), 'no mail to a username').to.deep.equal([]);
    const events = await db.models.TicketEvent.findAll({ where: { ticket_id: t.id, kind: { [Op.like]: '%unreached' } } });
    expect(events, 'nothing unreached').to.deep.equal([]);
  });

  it('alerts the admins (once) when a step reaches nobody, and the timeline says nobody was reached', async function () {
    this.timeout(60_000);
    const db = getDb();
    const stp = await agency(db, 'STP');
    const t = await openTicket(db, '2026-10-12T09:00:00+07:00', 'Hỏi về lý lịch tư pháp', 'Xin hỏi cấp phiếu lý lịch tư pháp.', stp);
    // Nobody at STP can be reached: the agent and the supervisor lose their mailboxes (left), usernames stay.
    const left = [addr.get('NT1')!, addr.get('NT2')!];
    await db.models.Mailbox.update({ active: false }, { where: { address: left } });
    try {
      const clock = (await getClock(db, t.id))!;
      const at = new Date(clock.resolution_due!.getTime() + 60_000);
      const tick = await slaTick(db, at, { from: FROM });
      const mine = tick.fired.filter((f) => f.ticketId === t.id);
      expect(mine.length).to.be.at.least(2);
      expect(mine.map((f) => f.recipients)).to.satisfy((r: number[]) => r.every((n) => n === 0));
      expect(await db.models.Outbox.count({ where: { idempotency_key: { [Op.like]: `sla:${t.id}:%` } } })).to.equal(0);

      const alerts = await db.models.Outbox.findAll({ where: { kind: 'alert', idempotency_key: { [Op.like]: `alert:unreached:sla:${t.id}:%` } } });
      expect(alerts.map((a) => a.to_address)).to.deep.equal(mine.map(() => addr.get('NT3')));
      expect(alerts[0]!.subject).to.contain(t.ref);

      const events = await db.models.TicketEvent.findAll({ where: { ticket_id: t.id, kind: { [Op.in]: ['reminder', 'escalation', 'reminder_unreached', 'escalation_unreached'] } } });
      expect(events.map((e) => e.kind).sort()).to.deep.equal(mine.map((f) => `${f.kind}_unreached`).sort());
      expect(JSON.parse(events[0]!.details!)).to.deep.include({ to: [], alerted: [addr.get('NT3')] });
      const audits = await db.models.AuditLog.findAll({ where: { action: 'notify.unreached', target: `ticket:${t.ref}` } });
      expect(audits).to.have.length(mine.length);

      // A second tick at the same instant fires nothing again and alerts nobody twice.
      expect((await slaTick(db, at, { from: FROM })).fired.filter((f) => f.ticketId === t.id)).to.deep.equal([]);
      expect(await db.models.Outbox.count({ where: { kind: 'alert', idempotency_key: { [Op.like]: `alert:unreached:sla:${t.id}:%` } } })).to.equal(alerts.length);

      smtp.clear();
      await flushTo(db, smtp);
      // (The tick also fired the first ticket's later step, now unreached too: only this ticket's alerts are counted.)
      const toAdmin = (await Promise.all(smtp.messages.filter((m) => m.envelope.to.includes(addr.get('NT3')!)).map((m) => parseMail(m.raw))))
        .filter((m) => m.subject?.endsWith(`ticket:${t.ref}`));
      expect(toAdmin).to.have.length(alerts.length);
      const alertMail = toAdmin[0]!;
      expect(alertMail.subject).to.contain('Notification reached nobody');
      expect(alertMail.text).to.contain(t.ref).and.to.contain('No recipient has an official mailbox');
      expect(smtp.messages.filter((m) => m.envelope.to.includes(addr.get('NT4')!)), "another agency's admin").to.deep.equal([]);
    } finally {
      await db.models.Mailbox.update({ active: true }, { where: { address: left } });
    }
  });

  it("sends the hotline's admin alerts (inbox, outbox, acknowledgement limits) to the province-wide admins' mailboxes", async () => {
    const ctx = await ingestContextFor(getDb(), { SECRET_KEY: 'k'.repeat(32), MAIL_FROM: FROM, BASE_URL: 'https://govmail.hoabinh.gov.vn', PROVINCE_NAME: 'Tỉnh Hòa Bình' });
    expect(ctx.alertTo).to.deep.equal([addr.get('NT3')]);
  });
});
