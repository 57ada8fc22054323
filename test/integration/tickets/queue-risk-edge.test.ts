// The queue's clock filter in SQL says what its badges say (services/tickets/sla-state.ts): a working-day deadline
// falls at close of office, so a ticket due at the close of the next working day is "at risk", not "on time"; and
// each ticket is judged on its own agency's calendar, whoever filters, as its badge is.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { listQueue } from '../../../server/services/tickets/index.js';
import { setOverride } from '../../../server/services/sla/index.js';
import { addHotlineAgency, citizenMail, staff } from './ticket-fixture.js';

const at = (local: string) => new Date(`${local}:00+07:00`);

forEachDb('queue clock filter at the risk edge', (getDb) => {
  it('lists a ticket due at the close of the next working day as at risk, and one due after it as on time', async () => {
    const db = getDb();
    const a = await addHotlineAgency(db, 'QRE');
    const now = at('2026-03-03T09:00'); // a Tuesday; the next working day closes Wednesday 17:00
    const edge = await citizenMail(db, a, { subject: 'Hạn đúng cuối ngày làm việc kế tiếp' });
    const later = await citizenMail(db, a, { subject: 'Hạn sáng thứ Năm' });
    await db.models.Ticket.update({ status: 'open', due_at: at('2026-03-04T17:00') }, { where: { id: edge.id } });
    await db.models.Ticket.update({ status: 'open', due_at: at('2026-03-05T07:30') }, { where: { id: later.id } });
    const actor = (await staff(db, 'agent', a.agencyId)).user;
    const refs = async (sla: 'at_risk' | 'on_time') => (await listQueue(db, { actor, filter: { sla }, now })).items.map((i) => i.ref);
    expect(await refs('at_risk')).to.deep.equal([edge.ref]);
    expect(await refs('on_time')).to.deep.equal([later.ref]);
    // and the badges agree with the filter
    const all = (await listQueue(db, { actor, filter: {}, now })).items;
    expect(all.find((i) => i.ref === edge.ref)!.sla).to.equal('at_risk');
    expect(all.find((i) => i.ref === later.ref)!.sla).to.equal('on_time');
  });

  it('judges each ticket on its agency\'s calendar, for a province-wide filter too, as the badges do', async () => {
    const db = getDb();
    const [own, plain] = [await addHotlineAgency(db, 'QRF'), await addHotlineAgency(db, 'QRG')];
    // QRF's own day off on Wednesday: its next working day after Tuesday is Thursday
    await setOverride(db, { date: '2026-03-04', kind: 'off', reason: 'Nghỉ bù riêng của cơ quan', agencyId: own.agencyId });
    const now = at('2026-03-03T09:00');
    const mine = await citizenMail(db, own, { subject: 'Hạn trưa thứ Năm, cơ quan nghỉ thứ Tư' });
    const theirs = await citizenMail(db, plain, { subject: 'Hạn trưa thứ Năm' });
    await db.models.Ticket.update({ status: 'open', due_at: at('2026-03-05T12:00') }, { where: { id: [mine.id, theirs.id] } });
    const refs = new Set([mine.ref, theirs.ref]);
    for (const actor of [(await staff(db, 'admin', null)).user, (await staff(db, 'agent', plain.agencyId)).user, (await staff(db, 'agent', own.agencyId)).user]) {
      const badges = new Map((await listQueue(db, { actor, filter: {}, now, pageSize: 100 })).items.filter((i) => refs.has(i.ref)).map((i) => [i.ref, i.sla]));
      for (const sla of ['at_risk', 'on_time'] as const) {
        const listed = (await listQueue(db, { actor, filter: { sla }, now, pageSize: 100 })).items.filter((i) => refs.has(i.ref)).map((i) => i.ref);
        expect(listed, `${actor.username} ${sla}`).to.deep.equal([...badges].filter(([, s]) => s === sla).map(([ref]) => ref));
      }
      if (actor.agency_id === null) expect(Object.fromEntries(badges)).to.deep.equal({ [mine.ref]: 'at_risk', [theirs.ref]: 'on_time' });
    }
  });
});
