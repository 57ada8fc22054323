import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { addPeriod, createCalendar } from '../../../server/services/sla/index.js';
import { addOfficeMinutes } from '../../../server/services/sla/office-time.js';
import { officeMinutesBetween } from '../../../server/services/sla/office-time.js';
import { getClock } from '../../../server/services/sla/clock-store.js';
import { pauseClock, resumeClock } from '../../../server/services/sla/pause.js';
import { slaTick } from '../../../server/services/sla/tick.js';
import { openTicket, setupOrg, type Org } from './sla-fixture.js';

const cal = createCalendar();
const at = (iso: string) => new Date(iso);

forEachDb('SLA pause and resume', (getDb) => {
  let org: Org;
  before(async () => {
    org = await setupOrg(getDb());
  });

  it('moves every running deadline by exactly the paused working time, across Tết 2027', async () => {
    const db = getDb();
    const t = await openTicket(db, '2027-01-28T09:00:00+07:00', 'Phản ánh về hồ sơ', 'Hồ sơ cấp phép chậm.', null, org);
    const before = (await getClock(db, t.id))!;
    expect(before.resolution_due!.getTime()).to.equal(addPeriod(at('2027-01-28T09:00:00+07:00'), { amount: 15, unit: 'calendar_days' }, cal).getTime());
    const pausedAt = at('2027-02-03T10:15:00+07:00');
    const resumedAt = at('2027-02-11T14:00:00+07:00'); // Tết 2027 lies inside the pause
    await pauseClock(db, t.id, { reason: 'waiting_citizen', note: 'thiếu địa chỉ', at: pausedAt, actor: 'test' });
    const after = await resumeClock(db, t.id, { at: resumedAt, actor: 'test' });
    const paused = officeMinutesBetween(pausedAt, resumedAt, cal);
    // Wed 3/2 10:15–17:00 (285) + Thu 4/2 (450); Tết 5–9/2 and its substitute days 10–11/2 are off.
    expect(paused).to.equal(285 + 450);
    expect(officeMinutesBetween(before.resolution_due!, after.resolution_due!, cal)).to.equal(paused);
    expect(after.resolution_due!.getTime()).to.equal(addOfficeMinutes(before.resolution_due!, paused, cal).getTime());
    expect(after.paused_minutes).to.equal(paused);
    const ticket = await db.models.Ticket.findByPk(t.id);
    expect(ticket!.due_at!.getTime()).to.equal(after.resolution_due!.getTime());
    expect(ticket!.status).to.equal('open');
  });

  it('sends no reminder while paused and fires the shifted ladder after the resume', async () => {
    const db = getDb();
    const t = await openTicket(db, '2027-03-01T08:00:00+07:00', 'Khẩn cấp: sạt lở đất', 'Sạt lở đất đe dọa nhà dân.', null, org);
    const clock = (await getClock(db, t.id))!; // khẩn: 4 working hours / 1 working day
    await pauseClock(db, t.id, { reason: 'legal_suspension', at: at('2027-03-01T08:30:00+07:00'), actor: 'test' });
    const during = await slaTick(db, at('2027-03-03T08:00:00+07:00'));
    expect(during.fired.filter((f) => f.ticketId === t.id)).to.deep.equal([]);
    const resumed = await resumeClock(db, t.id, { at: at('2027-03-03T08:00:00+07:00'), actor: 'test' });
    // Mon 1/3 08:30–17:00 (390) + Tue 2/3 (450) + Wed 3/3 07:30–08:00 (30).
    expect(officeMinutesBetween(clock.resolution_due!, resumed.resolution_due!, cal)).to.equal(870);
    const justBefore = await slaTick(db, new Date(resumed.first_response_due!.getTime() - 1));
    expect(justBefore.fired.filter((f) => f.ticketId === t.id)).to.deep.equal([]);
    const atDue = await slaTick(db, resumed.first_response_due!);
    expect(atDue.fired.filter((f) => f.ticketId === t.id).map((f) => f.step)).to.deep.equal(['first_response_due']);
  });

  it('refuses a pause without one of the legal reasons', async () => {
    const db = getDb();
    const t = await openTicket(db, '2027-03-02T09:00:00+07:00', 'Hỏi đáp', 'Xin hỏi thủ tục.', null, org);
    let error: Error | undefined;
    try {
      await pauseClock(db, t.id, { reason: 'lunch', at: at('2027-03-02T10:00:00+07:00'), actor: 'test' });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).to.contain('waiting_citizen');
    expect((await getClock(db, t.id))!.paused_at).to.equal(null);
  });
});
