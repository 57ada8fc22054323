// One rule for a running clock's state and one way of telling the time left, on the queue and the ticket page
// alike (services/tickets/sla-state.ts, web/presenters/working-time.ts), on the default calendar (Mon–Fri
// 07:30–11:30 and 13:30–17:00, Vietnam time).
import { expect } from 'chai';
import { createCalendar } from '../../../server/services/sla/index.js';
import { riskEdge, runningState, timeLeft } from '../../../server/services/tickets/sla-state.js';
import { workingTimeText } from '../../../server/web/presenters/working-time.js';

const at = (local: string) => new Date(`${local}:00+07:00`);

describe('a running clock: state and time left', () => {
  const cal = createCalendar();
  const now = at('2026-03-03T09:00'); // a Tuesday

  it('is at risk while its deadline falls within the next working day, overdue past it, else on time', () => {
    // one working day on, as the law counts a day: to the close of the next working day
    expect(riskEdge(now, cal)).to.deep.equal(at('2026-03-04T17:00'));
    expect(runningState(at('2026-03-06T10:00'), now, cal)).to.equal('on_time');
    expect(runningState(at('2026-03-04T17:00'), now, cal)).to.equal('on_time');
    expect(runningState(at('2026-03-04T16:59'), now, cal)).to.equal('at_risk');
    expect(runningState(at('2026-03-03T15:00'), now, cal)).to.equal('at_risk');
    expect(runningState(at('2026-03-03T08:59'), now, cal)).to.equal('overdue');
    // Friday afternoon: the next working day is Monday, so a Monday-morning deadline is at risk over the weekend
    expect(runningState(at('2026-03-09T08:00'), at('2026-03-06T16:00'), cal)).to.equal('at_risk');
  });

  it('counts whole working days after today up to the deadline\'s day, office minutes within a day', () => {
    expect(timeLeft(now, at('2026-03-06T10:00'), cal).days).to.equal(3); // Wed, Thu, Fri
    expect(timeLeft(at('2026-03-06T16:00'), at('2026-03-10T10:00'), cal).days).to.equal(2); // the weekend does not count
    expect(timeLeft(now, at('2026-03-03T15:00'), cal)).to.deep.equal({ minutes: 150 + 90, days: 0 });
    const late = timeLeft(now, at('2026-03-02T16:00'), cal); // Monday 16:00, seen Tuesday 09:00
    expect(late.minutes).to.equal(-(60 + 90));
    expect(late.days).to.equal(1);
  });

  it('reads as working days when the deadline is another day, as hours and minutes within one', () => {
    expect(workingTimeText(2000, 'vi', 3)).to.equal('3 ngày');
    expect(workingTimeText(2000, 'en', 3)).to.equal('3 working days');
    expect(workingTimeText(240, 'vi', 0)).to.equal('4 giờ 0 phút');
    expect(workingTimeText(-150, 'vi', 0)).to.equal('2 giờ 30 phút');
    expect(workingTimeText(45, 'en')).to.equal('45 min');
  });
});
