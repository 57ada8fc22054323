import { createCalendar, type WorkCalendar } from '../../../server/services/sla/index.js';
import { type DeadlineCase, runDeadlineCases } from './deadline-cases.js';

// Default calendar: Mon–Fri 07:30–11:30, 13:30–17:00. Days off used below (vietnam.md §2.2):
// 2026: Tết Mon 16/2–Fri 20/2; Hùng Vương Sun 26/4 → substitute Mon 27/4; 30/4 Thu, 1/5 Fri;
//       Quốc khánh Wed 2/9 + Tue 1/9.
// 2027: 1/1 Fri; Tết Fri 5/2–Tue 9/2 with Sat 6/2 and Sun 7/2 substituted on Wed 10/2 and Thu 11/2;
//       Hùng Vương Fri 16/4; 30/4 Fri; 1/5 Sat → substitute Mon 3/5; Quốc khánh Thu 2/9 + Fri 3/9.
// 2024: swap 29/4 off, Saturday 4/5 worked (CV 2450/VPCP-KGVX).
const TET_2026: DeadlineCase[] = [
  ['2026-02-12T10:00+07:00', '1 working day', '2026-02-13T17:00+07:00', 'Friday before Tết is still a working day'],
  ['2026-02-12T10:00+07:00', '2 working days', '2026-02-23T17:00+07:00', 'the 9-day Tết break 14/2–22/2 is skipped'],
  ['2026-02-13T15:00+07:00', '5 working days', '2026-02-27T17:00+07:00', 'counting resumes Mon 23/2 after Tết'],
  ['2026-02-18T09:00+07:00', '1 working day', '2026-02-23T17:00+07:00', 'mail received during Tết'],
  ['2026-02-13T16:00+07:00', '4 working hours', '2026-02-23T10:30+07:00', '1 h on Friday, 3 h after Tết'],
  ['2026-02-12T10:00+07:00', '5 calendar days', '2026-02-23T17:00+07:00', '17/2 is Tết, next working day is 23/2'],
  ['2026-02-09T09:00+07:00', '10 calendar days', '2026-02-23T17:00+07:00', '19/2 is Tết'],
  ['2026-02-14T10:00+07:00', '30 ngày', '2026-03-16T17:00+07:00', '30 days after Sat 14/2 is Mon 16/3, a working day'],
];

const TET_2027: DeadlineCase[] = [
  ['2027-02-04T10:00+07:00', '1 working day', '2027-02-12T17:00+07:00', 'Tết 5/2–9/2 plus substitutes 10/2, 11/2'],
  ['2027-02-04T10:00+07:00', '2 working days', '2027-02-15T17:00+07:00', 'Fri 12/2, then Mon 15/2'],
  ['2027-02-04T14:00+07:00', '8 working hours', '2027-02-12T14:30+07:00', '3 h Thu 4/2, 5 h from Fri 12/2'],
  ['2027-02-01T10:00+07:00', '7 calendar days', '2027-02-12T17:00+07:00', '8/2 is Tết'],
  ['2027-02-09T20:00+07:00', '1 working day', '2027-02-12T17:00+07:00', 'mail received on a Tết evening'],
  ['2026-12-31T10:00+07:00', '1 working day', '2027-01-04T17:00+07:00', 'New Year 1/1/2027 is a Friday'],
];

const APRIL_MAY: DeadlineCase[] = [
  ['2026-04-24T10:00+07:00', '1 working day', '2026-04-28T17:00+07:00', 'Hùng Vương on Sunday 26/4 is taken on Monday 27/4'],
  ['2026-04-24T10:00+07:00', '3 working days', '2026-05-04T17:00+07:00', 'Tue 28, Wed 29, then the 30/4–1/5 weekend'],
  ['2026-04-29T16:00+07:00', '2 working hours', '2026-05-04T08:30+07:00', '1 h on Wed 29/4, 1 h after the bridge'],
  ['2026-04-28T09:00+07:00', '3 calendar days', '2026-05-04T17:00+07:00', '1/5 is a holiday, then the weekend'],
  ['2027-04-29T10:00+07:00', '1 working day', '2027-05-04T17:00+07:00', '30/4 Fri, 1/5 Sat substituted on Mon 3/5'],
  ['2027-04-15T15:00+07:00', '1 ngày làm việc', '2027-04-19T17:00+07:00', 'Hùng Vương on Friday 16/4/2027'],
  ['2024-04-26T10:00+07:00', '1 working day', '2024-05-02T17:00+07:00', '2024 swap: 29/4 off, then 30/4, 1/5'],
  ['2024-05-02T10:00+07:00', '2 working days', '2024-05-04T17:00+07:00', 'swapped working Saturday 4/5/2024 counts'],
];

const QUOC_KHANH: DeadlineCase[] = [
  ['2026-08-28T10:00+07:00', '1 working day', '2026-08-31T17:00+07:00', 'Monday 31/8/2026 is a working day'],
  ['2026-08-28T10:00+07:00', '2 working days', '2026-09-03T17:00+07:00', '1/9 and 2/9/2026 are off'],
  ['2026-08-31T16:30+07:00', '1 working hour', '2026-09-03T08:00+07:00', '30 min Mon, 30 min Thu 3/9'],
  ['2026-08-29T12:00+07:00', '3 calendar days', '2026-09-03T17:00+07:00', 'day 3 is 1/9, then 2/9, both off'],
  ['2027-09-01T10:00+07:00', '1 working day', '2027-09-06T17:00+07:00', '2/9 Thu and 3/9 Fri 2027 are off'],
];

describe('addPeriod over Vietnamese public holidays', () => {
  let cal: WorkCalendar;
  before(() => {
    cal = createCalendar();
  });
  describe('Tết Bính Ngọ 2026', () => runDeadlineCases(TET_2026, () => cal));
  describe('Tết Đinh Mùi 2027 and New Year', () => runDeadlineCases(TET_2027, () => cal));
  describe('Hùng Vương and the 30/4–1/5 bridge', () => runDeadlineCases(APRIL_MAY, () => cal));
  describe('Quốc khánh 2/9 with its second day', () => runDeadlineCases(QUOC_KHANH, () => cal));
});
