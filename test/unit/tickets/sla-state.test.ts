// One rule for a running clock's state and one way of telling the time left, on the queue and the ticket page
// alike (services/tickets/sla-state.ts, web/presenters/working-time.ts), on the default calendar (Mon–Fri
// 07:30–11:30 and 13:30–17:00, Vietnam time).
import { expect } from 'chai';
import { createCalendar } from '../../../server/services/sla/index.js';
import { riskEdge, runningState, timeLeft } from '../../../server/services/tickets/sla-state.js';
import { workingTimeText } from '../../../server/web/presenters/working-time.js';
import { queueRows } from '../../../server/web/presenters/queue-presenter.js';
import { slaPanelView } from '../../../server/web/presenters/ticket-record-presenter.js';
import type { QueuePage, TicketView } from '../../../server/services/tickets/index.js';

const at = (local: string) => new Date(`${local}:00+07:00`);

describe('a running clock: state and time left', () => {
  const cal = createCalendar();
  const now = at('2026-03-03T09:00'); // a Tuesday

  it('is at risk while its deadline falls within the next working day, overdue past it, else on time', () => {
    // one working day on, as the law counts a day: to the close of the next working day
    expect(riskEdge(now, cal)).to.deep.equal(at('2026-03-04T17:00'));
    expect(runningState(at('2026-03-06T10:00'), now, cal)).to.equal('on_time');
    // a working-day deadline falls at close of office: due tomorrow at 17:00 is within the next working day
    expect(runningState(at('2026-03-04T17:00'), now, cal)).to.equal('at_risk');
    expect(runningState(at('2026-03-05T07:30'), now, cal)).to.equal('on_time');
    expect(runningState(at('2026-03-04T16:59'), now, cal)).to.equal('at_risk');
    expect(runningState(at('2026-03-03T15:00'), now, cal)).to.equal('at_risk');
    expect(runningState(at('2026-03-03T08:59'), now, cal)).to.equal('overdue');
    // Friday afternoon: the next working day is Monday, so a Monday-morning deadline is at risk over the weekend
    expect(runningState(at('2026-03-09T08:00'), at('2026-03-06T16:00'), cal)).to.equal('at_risk');
  });

  it('counts whole working days after today up to the deadline\'s day, office minutes within a day', () => {
    expect(timeLeft(now, at('2026-03-06T10:00'), cal).days).to.equal(3); // Wed, Thu, Fri
    expect(timeLeft(at('2026-03-06T16:00'), at('2026-03-10T10:00'), cal).days).to.equal(2); // the weekend does not count
    expect(timeLeft(now, at('2026-03-03T15:00'), cal)).to.deep.equal({ minutes: 150 + 90, days: 0, late: false });
    const late = timeLeft(now, at('2026-03-02T16:00'), cal); // Monday 16:00, seen Tuesday 09:00
    expect(late.minutes).to.equal(-(60 + 90));
    expect(late.days).to.equal(1);
    expect(late.late).to.equal(true);
    expect(timeLeft(now, at('2026-03-03T15:00'), cal).late).to.equal(false);
  });

  it('is late after a 17:00 deadline in the evening and over the weekend, though no office minute has passed', () => {
    const evening = timeLeft(at('2026-03-03T19:00'), at('2026-03-03T17:00'), cal);
    expect(evening).to.deep.equal({ minutes: 0, days: 0, late: true });
    expect(Object.is(evening.minutes, -0)).to.equal(false);
    expect(timeLeft(at('2026-03-07T10:00'), at('2026-03-06T17:00'), cal).late).to.equal(true); // Saturday
    expect(timeLeft(at('2026-03-06T17:00'), at('2026-03-06T17:00'), cal).late).to.equal(false); // at the deadline itself
    // both pages pick "late" / "overdue by", not "0 minutes left"
    const left = timeLeft(at('2026-03-03T19:00'), at('2026-03-03T17:00'), cal);
    const item = { id: 1, ref: 'SXD-2026-000001', subject: 's', citizen: 'a@example.vn', status: 'open', agency: 'SXD', class: 'khieu_nai',
      category: null, priority: 'normal', receivedAt: new Date(0), dueAt: at('2026-03-03T17:00'), assignee: null, sla: 'overdue', left } as QueuePage['items'][number];
    expect(queueRows([item], 'vi')[0]!.leftText).to.equal('trễ 0 phút');
    const panel = slaPanelView({ state: 'overdue', deadline: at('2026-03-03T17:00'), firstResponseDue: null, acceptedAt: null, resolvedAt: null,
      left, pausedMinutes: 0, pauses: [], extensions: [] } as unknown as NonNullable<TicketView['sla']>, 'en');
    expect(panel!.leftText).to.equal('Overdue by 0 min of working time');
  });

  it('reads as working days when the deadline is another day, as hours and minutes within one', () => {
    expect(workingTimeText(2000, 'vi', 3)).to.equal('3 ngày');
    expect(workingTimeText(2000, 'en', 3)).to.equal('3 working days');
    expect(workingTimeText(240, 'vi', 0)).to.equal('4 giờ 0 phút');
    expect(workingTimeText(-150, 'vi', 0)).to.equal('2 giờ 30 phút');
    expect(workingTimeText(45, 'en')).to.equal('45 min');
    expect(workingTimeText(500, 'en', 1)).to.equal('1 working day');
    expect(workingTimeText(500, 'vi', 1)).to.equal('1 ngày');
  });

  it('says whole working days left or over on the ticket page without "of working time" twice', () => {
    const panel = (left: { minutes: number; days: number; late: boolean }, locale: 'vi' | 'en') => slaPanelView({ state: 'on_time', deadline: now,
      firstResponseDue: null, acceptedAt: null, resolvedAt: null, left, pausedMinutes: 0, pauses: [], extensions: [] } as unknown as NonNullable<TicketView['sla']>, locale)!.leftText;
    expect(panel({ minutes: 1500, days: 3, late: false }, 'en')).to.equal('3 working days left');
    expect(panel({ minutes: 1500, days: 3, late: false }, 'vi')).to.equal('Còn 3 ngày làm việc');
    expect(panel({ minutes: -500, days: 1, late: true }, 'en')).to.equal('Overdue by 1 working day');
    expect(panel({ minutes: -500, days: 1, late: true }, 'vi')).to.equal('Quá hạn 1 ngày làm việc');
    expect(panel({ minutes: 90, days: 0, late: false }, 'en')).to.equal('1 h 30 min of working time left');
  });
});
