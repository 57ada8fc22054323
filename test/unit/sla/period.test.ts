import { expect } from 'chai';
import { parsePeriod } from '../../../server/services/sla/index.js';
import { formatPeriod } from '../../../server/services/sla/period.js';

describe('parsePeriod', () => {
  const accepted: [string, number, string][] = [
    ['5 working days', 5, 'working_days'],
    ['1 working day', 1, 'working_days'],
    ['4 working hours', 4, 'working_hours'],
    ['1 working hour', 1, 'working_hours'],
    ['30 calendar days', 30, 'calendar_days'],
    ['  2   Working   Days ', 2, 'working_days'],
    ['5 ngày làm việc', 5, 'working_days'],
    ['4 giờ làm việc', 4, 'working_hours'],
    ['30 ngày', 30, 'calendar_days'],
    ['10 ngày lịch', 10, 'calendar_days'],
    ['5 NGÀY LÀM VIỆC', 5, 'working_days'],
    ['5 ngày làm việc'.normalize('NFD'), 5, 'working_days'],
  ];
  for (const [text, amount, unit] of accepted) {
    it(`reads "${text}" as ${amount} ${unit}`, () => {
      expect(parsePeriod(text)).to.deep.equal({ amount, unit });
    });
  }

  const rejected = ['', '5 days', '0 working days', '-1 working days', '1.5 working hours', 'five working days',
    '5 giờ', '5 working weeks', '5working days', '99999999999999999 ngày'];
  for (const text of rejected) {
    it(`rejects "${text}" with a message listing the accepted forms`, () => {
      expect(() => parsePeriod(text)).to.throw(Error, /working day\(s\).*calendar day\(s\).*ngày làm việc/);
    });
  }

  it('quotes the bad input in the message', () => {
    expect(() => parsePeriod('3 tuần')).to.throw('Invalid SLA period "3 tuần"');
  });
});

describe('formatPeriod', () => {
  it('writes Vietnamese by default and English with singular/plural, both parseable again', () => {
    expect(formatPeriod({ amount: 5, unit: 'working_days' })).to.equal('5 ngày làm việc');
    expect(formatPeriod({ amount: 30, unit: 'calendar_days' })).to.equal('30 ngày');
    expect(formatPeriod({ amount: 1, unit: 'working_hours' }, 'en')).to.equal('1 working hour');
    expect(formatPeriod({ amount: 4, unit: 'working_hours' }, 'en')).to.equal('4 working hours');
    for (const lang of ['vi', 'en'] as const) {
      expect(parsePeriod(formatPeriod({ amount: 7, unit: 'calendar_days' }, lang))).to.deep.equal({ amount: 7, unit: 'calendar_days' });
    }
  });
});
