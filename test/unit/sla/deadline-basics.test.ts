import { expect } from 'chai';
import { addPeriod, createCalendar, type WorkCalendar } from '../../../server/services/sla/index.js';
import { mondayToFriday, officeHours } from '../../../server/services/sla/calendar.js';
import { officeMinutesBetween } from '../../../server/services/sla/office-time.js';
import { type DeadlineCase, runDeadlineCases } from './deadline-cases.js';

// March 2026 has no holidays: Mon 2/3, 9/3, 16/3 …; Sat 7/3, 14/3; Sun 8/3, 15/3.
const WORKING_DAYS: DeadlineCase[] = [
  ['2026-03-02T09:00+07:00', '1 working day', '2026-03-03T17:00+07:00', 'the day of receipt is not counted'],
  ['2026-03-02T09:00+07:00', '5 working days', '2026-03-09T17:00+07:00', 'Tue–Fri, then Monday'],
  ['2026-03-06T10:00+07:00', '1 working day', '2026-03-09T17:00+07:00', 'Friday mail crosses the weekend'],
  ['2026-03-06T16:59+07:00', '3 working days', '2026-03-11T17:00+07:00', 'late Friday mail, three days'],
  ['2026-03-02T17:30+07:00', '1 working day', '2026-03-03T17:00+07:00', 'after closing, Monday is still the day of receipt'],
  ['2026-03-07T23:00+07:00', '1 working day', '2026-03-09T17:00+07:00', 'Saturday 23:00: Saturday is the day of receipt'],
  ['2026-03-07T23:00+07:00', '5 working days', '2026-03-13T17:00+07:00', 'Saturday 23:00, Mon–Fri counted'],
  ['2026-03-08T08:00+07:00', '1 working day', '2026-03-09T17:00+07:00', 'Sunday mail'],
  ['2026-03-09T00:30+07:00', '1 working day', '2026-03-10T17:00+07:00', 'before opening, Monday is still the day of receipt'],
  ['2026-03-10T11:45+07:00', '2 working days', '2026-03-12T17:00+07:00', 'lunch-time mail'],
];

const WORKING_HOURS: DeadlineCase[] = [
  ['2026-03-09T09:00+07:00', '4 working hours', '2026-03-09T15:00+07:00', '2.5 h before lunch, 1.5 h after'],
  ['2026-03-09T11:45+07:00', '4 working hours', '2026-03-10T08:00+07:00', 'lunch mail starts at 13:30, runs into Tuesday'],
  ['2026-03-09T17:30+07:00', '4 working hours', '2026-03-10T11:30+07:00', 'evening mail; ends exactly at the lunch closing'],
  ['2026-03-07T23:00+07:00', '8 working hours', '2026-03-10T08:00+07:00', 'Saturday 23:00 starts Monday 07:30'],
  ['2026-03-10T07:30+07:00', '8 working hours', '2026-03-11T08:00+07:00', 'a full 7.5 h day and 30 min'],
  ['2026-03-13T15:00+07:00', '8 working hours', '2026-03-16T15:30+07:00', '2 h Friday, 6 h Monday across lunch'],
  ['2026-03-09T06:00+07:00', '1 working hour', '2026-03-09T08:30+07:00', 'early mail starts at opening'],
  ['2026-03-10T11:00+07:00', '1 giờ làm việc', '2026-03-10T14:00+07:00', '30 min before lunch, 30 min after'],
];

const CALENDAR_DAYS: DeadlineCase[] = [
  ['2026-03-04T10:00+07:00', '4 calendar days', '2026-03-09T17:00+07:00', 'ends on Sunday 8/3, moves to Monday'],
  ['2026-03-02T10:00+07:00', '5 calendar days', '2026-03-09T17:00+07:00', 'ends on Saturday 7/3, moves to Monday'],
  ['2026-03-02T10:00+07:00', '30 calendar days', '2026-04-01T17:00+07:00', 'ends on Wednesday 1/4'],
  ['2026-03-07T23:00+07:00', '15 ngày', '2026-03-23T17:00+07:00', 'Saturday mail, ends on Sunday 22/3'],
  ['2026-03-06T10:00+07:00', '1 calendar day', '2026-03-09T17:00+07:00', 'Friday + 1 day is Saturday'],
  ['2026-12-28T10:00+07:00', '10 calendar days', '2027-01-07T17:00+07:00', 'across the year end'],
];

// A swapped working Saturday 14/3/2026 (e.g. a province's Saturday reception) and Monday 16/3 off.
const SWAP = [
  { date: '2026-03-14', kind: 'work', reason: 'làm bù thứ Bảy' },
  { date: '2026-03-16', kind: 'off', reason: 'nghỉ hoán đổi' },
] as const;
const SWAPPED: DeadlineCase[] = [
  ['2026-03-13T10:00+07:00', '1 working day', '2026-03-14T17:00+07:00', 'the swapped Saturday is a working day'],
  ['2026-03-13T16:00+07:00', '2 working hours', '2026-03-14T08:30+07:00', 'the swapped Saturday has weekday hours'],
  ['2026-03-13T10:00+07:00', '2 working days', '2026-03-17T17:00+07:00', 'Saturday counts, the swapped Monday does not'],
  ['2026-03-11T10:00+07:00', '3 calendar days', '2026-03-14T17:00+07:00', 'calendar days may end on the swapped Saturday'],
];

// Vĩnh Phúc QĐ 873/QĐ-UBND (vietnam.md §2.1): summer 16/4–15/10 07:00–11:30, 13:30–17:00;
// winter 16/10–15/4 07:30–12:00, 13:00–16:30.
const SEASONS = [
  { name: 'summer', from: '04-16', to: '10-15', week: mondayToFriday(officeHours('07:00-11:30', '13:30-17:00')) },
  { name: 'winter', from: '10-16', to: '04-15', week: mondayToFriday(officeHours('07:30-12:00', '13:00-16:30')) },
];
const SEASONAL: DeadlineCase[] = [
  ['2026-03-09T11:45+07:00', '1 working hour', '2026-03-09T13:45+07:00', 'winter: 15 min to noon, 45 min from 13:00'],
  ['2026-03-09T10:00+07:00', '1 working day', '2026-03-10T16:30+07:00', 'winter close is 16:30'],
  ['2026-06-01T06:00+07:00', '1 working hour', '2026-06-01T08:00+07:00', 'summer opening is 07:00'],
  ['2026-10-15T16:00+07:00', '2 working hours', '2026-10-16T08:30+07:00', 'last summer hour, first winter hour'],
  ['2026-06-03T10:00+07:00', '3 calendar days', '2026-06-08T17:00+07:00', 'summer, ends on Saturday 6/6'],
  ['2026-10-15T10:00+07:00', '1 working day', '2026-10-16T16:30+07:00', 'deadline day is in winter'],
];

describe('addPeriod on ordinary weeks', () => {
  let cal: WorkCalendar;
  before(() => {
    cal = createCalendar();
  });
  describe('working days', () => runDeadlineCases(WORKING_DAYS, () => cal));
  describe('working hours', () => runDeadlineCases(WORKING_HOURS, () => cal));
  describe('calendar days', () => runDeadlineCases(CALENDAR_DAYS, () => cal));
  describe('a swapped working Saturday', () => runDeadlineCases(SWAPPED, () => createCalendar({ overrides: SWAP })));
  describe('seasonal office hours', () => runDeadlineCases(SEASONAL, () => createCalendar({ seasons: SEASONS })));

  it('rejects a zero, negative or fractional day amount with a message naming the unit', () => {
    const from = new Date('2026-03-09T09:00+07:00');
    expect(() => addPeriod(from, { amount: 0, unit: 'working_days' }, cal)).to.throw(/working_days: expected a whole number > 0/);
    expect(() => addPeriod(from, { amount: 1.5, unit: 'calendar_days' }, cal)).to.throw(/whole number/);
    expect(() => addPeriod(from, { amount: -2, unit: 'working_hours' }, cal)).to.throw(/working_hours/);
  });

  it('accepts fractional working hours (90 minutes from 11:00 ends at 14:30)', () => {
    const due = addPeriod(new Date('2026-03-10T11:00+07:00'), { amount: 1.5, unit: 'working_hours' }, cal);
    expect(due.toISOString()).to.equal(new Date('2026-03-10T14:30+07:00').toISOString());
  });
});

describe('officeMinutesBetween', () => {
  const cal = createCalendar();
  const minutes = (a: string, b: string) => officeMinutesBetween(new Date(a), new Date(b), cal);

  it('counts a full default office day as 450 minutes', () => {
    expect(minutes('2026-03-09T07:30+07:00', '2026-03-09T17:00+07:00')).to.equal(450);
  });
  it('leaves out the lunch break', () => {
    expect(minutes('2026-03-09T09:00+07:00', '2026-03-09T15:00+07:00')).to.equal(240);
  });
  it('leaves out weekends and the Tết 2026 break', () => {
    expect(minutes('2026-02-13T16:00+07:00', '2026-02-23T10:30+07:00')).to.equal(240);
  });
  it('is zero over a weekend and negative when the end is before the start', () => {
    expect(minutes('2026-03-07T08:00+07:00', '2026-03-08T16:00+07:00')).to.equal(0);
    expect(minutes('2026-03-09T15:00+07:00', '2026-03-09T09:00+07:00')).to.equal(-240);
  });
  it('counts seconds as fractions of a minute', () => {
    expect(minutes('2026-03-09T08:00:00+07:00', '2026-03-09T08:00:30+07:00')).to.equal(0.5);
  });
});
