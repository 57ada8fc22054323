// loadCalendars (several agencies' calendars from one read) gives each agency the calendar loadCalendar gives
// it: the province's overrides, then the agency's own, which win on the same date.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { buildAgency } from '../../support/ticket-factory.js';
import { isWorkingDay, loadCalendar, loadCalendars, setOverride } from '../../../server/services/sla/index.js';

forEachDb('work calendars loaded together', (getDb) => {
  it('match the one-by-one calendars, agency overrides winning over the province', async () => {
    const db = getDb();
    const a = await buildAgency(db, { code: 'CALA' });
    const b = await buildAgency(db, { code: 'CALB' });
    await setOverride(db, { date: '2031-06-10', kind: 'off', reason: 'Nghỉ toàn tỉnh' });
    await setOverride(db, { date: '2031-06-10', kind: 'work', reason: 'Trực tiếp dân', agencyId: a.id });
    await setOverride(db, { date: '2031-06-14', kind: 'work', reason: 'Làm bù', agencyId: b.id });
    const together = await loadCalendars(db, [a.id, b.id]);
    const days = ['2031-06-10', '2031-06-11', '2031-06-14'];
    for (const id of [a.id, b.id]) {
      const alone = await loadCalendar(db, id);
      expect(days.map((d) => isWorkingDay(d, together.get(id)!))).to.deep.equal(days.map((d) => isWorkingDay(d, alone)));
    }
    expect(days.map((d) => isWorkingDay(d, together.get(a.id)!))).to.deep.equal([true, true, false]);
    expect(days.map((d) => isWorkingDay(d, together.get(b.id)!))).to.deep.equal([false, true, true]);
  });
});
