// The legal extensions on real tickets: a complex complaint gets 45 days from the same start (Luật Khiếu nại
// Art. 28); a denunciation gets +30 days twice and never a third time (Luật Tố cáo Art. 30). Each one is a
// ticket event with its reason, moves tickets.due_at and gives the reminder ladder a fresh run.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { toLocalIso } from '../../../server/services/time/index.js';
import { ClockError, getClock, recordFirstResponse } from '../../../server/services/sla/clock-store.js';
import { extendDenunciation, markComplaintComplex } from '../../../server/services/sla/extension.js';
import { slaTick } from '../../../server/services/sla/tick.js';
import { openTicket, setupOrg, type Org } from './sla-fixture.js';

const at = (iso: string) => new Date(iso);
const RECEIVED = '2027-03-01T09:00:00+07:00';
const ACCEPTED = at('2027-03-03T10:00:00+07:00');

async function refusal(run: () => Promise<unknown>): Promise<ClockError> {
  try {
    await run();
  } catch (e) {
    if (e instanceof ClockError) return e;
    throw e;
  }
  throw new Error('expected a ClockError');
}

forEachDb('SLA legal extensions', (getDb) => {
  let org: Org;
  before(async () => {
    org = await setupOrg(getDb());
  });

  it('gives a complex complaint 45 days from acceptance instead of 30, once, with the reason recorded', async () => {
    const db = getDb();
    const t = await openTicket(db, RECEIVED, 'Đơn khiếu nại quyết định thu hồi đất', 'Tôi khiếu nại.', null, org);
    expect(t.class).to.equal('khieu_nai');
    const accepted = await recordFirstResponse(db, t.id, ACCEPTED, 'truong.phong@stc.gov.vn');
    expect(toLocalIso(accepted.resolution_due!)).to.equal('2027-04-02T17:00:00+07:00'); // 30 days
    const after = await markComplaintComplex(db, t.id, { reason: 'Nhiều nội dung, cần xác minh tại 2 xã', actor: 'truong.phong@stc.gov.vn', at: at('2027-03-10T09:00:00+07:00') });
    // 45 days after 3/3 is Sat 17/4; the deadline moves to the close of Mon 19/4 (16/4 is Giỗ Tổ, but before).
    expect(toLocalIso(after.resolution_due!)).to.equal('2027-04-19T17:00:00+07:00');
    expect((await db.models.Ticket.findByPk(t.id))!.due_at!.getTime()).to.equal(after.resolution_due!.getTime());
    const events = await db.models.TicketEvent.findAll({ where: { ticket_id: t.id, kind: 'sla_complex' } });
    expect(events).to.have.length(1);
    expect(JSON.parse(events[0]!.details!)).to.include({ reason: 'Nhiều nội dung, cần xác minh tại 2 xã', actor: 'truong.phong@stc.gov.vn' });
    const again = await refusal(() => markComplaintComplex(db, t.id, { reason: 'lần nữa', actor: 'x', at: at('2027-03-11T09:00:00+07:00') }));
    expect(again.code).to.equal('already_complex');
    expect(await db.models.AuditLog.count({ where: { action: 'sla.complaint_complex', target: t.ref } })).to.equal(1);
  });

  it('refuses the complex mark before acceptance, without a reason, and on another class', async () => {
    const db = getDb();
    const complaint = await openTicket(db, RECEIVED, 'Đơn khiếu nại về bồi thường', '', null, org);
    expect((await refusal(() => markComplaintComplex(db, complaint.id, { reason: 'phức tạp', actor: 'x', at: ACCEPTED }))).code).to.equal('not_accepted');
    await recordFirstResponse(db, complaint.id, ACCEPTED, 'x');
    expect((await refusal(() => markComplaintComplex(db, complaint.id, { reason: '  ', actor: 'x', at: ACCEPTED }))).code).to.equal('no_reason');
    const feedback = await openTicket(db, RECEIVED, 'Xin hỏi thủ tục', 'Cảm ơn.', null, org);
    expect((await refusal(() => markComplaintComplex(db, feedback.id, { reason: 'phức tạp', actor: 'x', at: ACCEPTED }))).code).to.equal('wrong_class');
    expect((await refusal(() => extendDenunciation(db, complaint.id, { reason: 'phức tạp', actor: 'x', at: ACCEPTED }))).code).to.equal('wrong_class');
  });

  it('extends a denunciation by 30 days twice, refuses a third time, and records each extension', async () => {
    const db = getDb();
    const t = await openTicket(db, RECEIVED, 'Đơn tố cáo cán bộ địa chính', 'Nội dung tố cáo.', null, org);
    expect(t.class).to.equal('to_cao');
    await recordFirstResponse(db, t.id, ACCEPTED, 'x');
    const first = await extendDenunciation(db, t.id, { reason: 'Vụ việc phức tạp (QĐ gia hạn số 12)', actor: 'truong.phong@stc.gov.vn', at: at('2027-03-25T09:00:00+07:00') });
    // 2/4 + 30 days = Sun 2/5, then Mon 3/5 is the substitute day off for 1/5: close of Tue 4/5.
    expect(toLocalIso(first.resolution_due!)).to.equal('2027-05-04T17:00:00+07:00');
    expect(first.extensions).to.equal(1);
    const second = await extendDenunciation(db, t.id, { reason: 'Đặc biệt phức tạp (QĐ số 20)', actor: 'truong.phong@stc.gov.vn', at: at('2027-04-28T09:00:00+07:00') });
    expect(toLocalIso(second.resolution_due!)).to.equal('2027-06-03T17:00:00+07:00');
    const third = await refusal(() => extendDenunciation(db, t.id, { reason: 'lần ba', actor: 'x', at: at('2027-05-20T09:00:00+07:00') }));
    expect(third.code).to.equal('max_extensions');
    expect(third.message).to.contain('at most 2 times');
    const clock = (await getClock(db, t.id))!;
    expect(clock.extensions).to.equal(2);
    expect(toLocalIso(clock.resolution_due!)).to.equal('2027-06-03T17:00:00+07:00');
    expect((await db.models.Ticket.findByPk(t.id))!.due_at!.getTime()).to.equal(clock.resolution_due!.getTime());
    const events = (await db.models.TicketEvent.findAll({ where: { ticket_id: t.id, kind: 'sla_extended' }, order: [['id', 'ASC']] }))
      .map((e) => JSON.parse(e.details!) as { reason: string; extension: number; previousDue: string; resolutionDue: string });
    expect(events.map((e) => [e.extension, e.reason])).to.deep.equal([[1, 'Vụ việc phức tạp (QĐ gia hạn số 12)'], [2, 'Đặc biệt phức tạp (QĐ số 20)']]);
    expect(toLocalIso(new Date(events[1]!.previousDue))).to.equal('2027-05-04T17:00:00+07:00');
  });

  it('refuses an extension once the deadline has passed', async () => {
    const db = getDb();
    const t = await openTicket(db, RECEIVED, 'Tố cáo hành vi sách nhiễu', '', null, org);
    await recordFirstResponse(db, t.id, ACCEPTED, 'x');
    expect((await refusal(() => extendDenunciation(db, t.id, { reason: 'muộn', actor: 'x', at: at('2027-04-05T09:00:00+07:00') }))).code).to.equal('past_due');
  });

  it('shifts the reminder ladder: no step of the first window fires after an extension, the new window fires under new ids', async () => {
    const db = getDb();
    const t = await openTicket(db, RECEIVED, 'Đơn tố cáo vi phạm xây dựng', '', null, org);
    await recordFirstResponse(db, t.id, ACCEPTED, 'x');
    await extendDenunciation(db, t.id, { reason: 'phức tạp', actor: 'x', at: at('2027-03-05T09:00:00+07:00') });
    // The old due (2/4) passes without a 'due' reminder or an escalation: the deadline is now 4/5.
    const oldDue = await slaTick(db, at('2027-04-06T09:00:00+07:00'));
    expect(oldDue.fired.filter((f) => f.ticketId === t.id).map((f) => f.step)).to.deep.equal([]);
    const newDue = await slaTick(db, at('2027-05-04T17:00:00+07:00'));
    expect(newDue.fired.filter((f) => f.ticketId === t.id).map((f) => f.step))
      .to.deep.equal(['reminder_50@x1', 'reminder_80@x1', 'due@x1', 'escalation@x1']);
  });
});
