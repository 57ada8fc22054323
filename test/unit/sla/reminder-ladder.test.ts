import { expect } from 'chai';
import { addPeriod, createCalendar } from '../../../server/services/sla/index.js';
import { toLocalIso } from '../../../server/services/time/index.js';
import { elapsedShare, ladderInstants, type LadderStep } from '../../../server/services/sla/reminder-ladder.js';

const cal = createCalendar();
const d = (iso: string) => new Date(iso);
const fired = (start: string, due: string, ladder?: readonly LadderStep[]) =>
  ladderInstants(d(start), d(due), cal, ladder).map((f) => `${f.id}@${toLocalIso(f.at)}`);

describe('ladderInstants', () => {
  it('fires the default ladder on working time for a 5-working-day case received Monday 07:30', () => {
    // Mon 9/3 07:30 → due Mon 16/3 17:00: 6 office days × 450 min = 2,700 min.
    // 50 % = 1,350 min = three full days → Wed 11/3 17:00; 80 % = 2,160 min = four days + 360 min → Fri 13/3 15:30.
    expect(fired('2026-03-09T07:30+07:00', '2026-03-16T17:00+07:00')).to.deep.equal([
      'reminder_50@2026-03-11T17:00:00+07:00',
      'reminder_80@2026-03-13T15:30:00+07:00',
      'due@2026-03-16T17:00:00+07:00',
      'overdue_1_working_day@2026-03-17T17:00:00+07:00',
    ]);
  });

  it('fires an urgent 4-working-hour ladder across lunch', () => {
    // 09:00 → 15:00 is 240 min: 50 % = 11:00; 80 % = 192 min = 150 before lunch + 42 → 14:12.
    expect(fired('2026-03-09T09:00+07:00', '2026-03-09T15:00+07:00')).to.deep.equal([
      'reminder_50@2026-03-09T11:00:00+07:00',
      'reminder_80@2026-03-09T14:12:00+07:00',
      'due@2026-03-09T15:00:00+07:00',
      'overdue_1_working_day@2026-03-10T17:00:00+07:00',
    ]);
  });

  it('does not count Tết as elapsed time', () => {
    // Fri 13/2 15:00 → Fri 27/2 17:00: 120 + 5 × 450 = 2,370 min; 50 % = 1,185 min
    // = 120 (Fri) + 450 (Mon 23) + 450 (Tue 24) + 165 → Wed 25/2 10:15.
    const [first] = fired('2026-02-13T15:00+07:00', '2026-02-27T17:00+07:00');
    expect(first).to.equal('reminder_50@2026-02-25T10:15:00+07:00');
  });

  it('sorts custom steps by firing time and counts after-due steps like any period', () => {
    const ladder: LadderStep[] = [
      { id: 'escalate', kind: 'after_due', period: { amount: 2, unit: 'working_hours' } },
      { id: 'first_look', kind: 'elapsed', percent: 25 },
    ];
    // 08:00 → 16:00 is 210 + 150 = 360 min, 25 % = 90 min → 09:30.
    // Due Mon 16:00 + 2 working hours → 1 h Monday, 1 h Tuesday → Tue 08:30.
    expect(fired('2026-03-09T08:00+07:00', '2026-03-09T16:00+07:00', ladder)).to.deep.equal([
      'first_look@2026-03-09T09:30:00+07:00',
      'escalate@2026-03-10T08:30:00+07:00',
    ]);
  });

  it('fires every elapsed step at due when no working time lies between start and due', () => {
    const ladder: LadderStep[] = [{ id: 'half', kind: 'elapsed', percent: 50 }];
    expect(fired('2026-03-07T09:00+07:00', '2026-03-07T10:00+07:00', ladder)).to.deep.equal(['half@2026-03-07T10:00:00+07:00']);
  });

  it('refuses duplicate step ids, because each step is sent once per ticket by its id', () => {
    const ladder: LadderStep[] = [{ id: 'x', kind: 'elapsed', percent: 50 }, { id: 'x', kind: 'elapsed', percent: 80 }];
    expect(() => fired('2026-03-09T08:00+07:00', '2026-03-09T16:00+07:00', ladder)).to.throw(/Duplicate ladder step id "x"/);
  });
});

describe('elapsedShare', () => {
  const start = d('2026-03-09T09:00+07:00');
  const due = addPeriod(start, { amount: 4, unit: 'working_hours' }, cal);

  it('is 0 at start, 0.5 at half the working time, 1 at due and above 1 when overdue', () => {
    expect(elapsedShare(start, due, start, cal)).to.equal(0);
    expect(elapsedShare(start, due, d('2026-03-09T11:00+07:00'), cal)).to.equal(0.5);
    expect(elapsedShare(start, due, due, cal)).to.equal(1);
    expect(elapsedShare(start, due, d('2026-03-10T09:30+07:00'), cal)).to.be.greaterThan(1);
  });

  it('does not move during the lunch break', () => {
    const before = elapsedShare(start, due, d('2026-03-09T11:30+07:00'), cal);
    expect(elapsedShare(start, due, d('2026-03-09T13:15+07:00'), cal)).to.equal(before);
  });
});
