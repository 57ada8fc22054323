import { expect } from 'chai';
import * as sla from '../../../server/services/sla/index.js';
import { createCalendar } from '../../../server/services/sla/index.js';
import { officeHours } from '../../../server/services/sla/calendar.js';
import { officeMinutesBetween } from '../../../server/services/sla/office-time.js';
import { memoWorkingMinutes } from '../../../server/services/metrics/working-time.js';
import { rowDate } from '../../../server/services/metrics/ticket-stream.js';

describe('metrics memoised working minutes', () => {
  const calendars = {
    default: createCalendar(),
    'with a summer season and a swapped Saturday': createCalendar({
      seasons: [{ name: 'summer', from: '04-16', to: '10-15', week: [[], ...Array(5).fill(officeHours('07:00-11:30', '13:30-17:00')), []] }],
      overrides: [{ date: '2026-05-09', kind: 'work', reason: 'làm bù' }],
    }),
  };
  for (const [name, cal] of Object.entries(calendars)) {
    it(`equals services/sla officeMinutesBetween on 2 000 pseudo-random spans (${name})`, () => {
      const between = memoWorkingMinutes(cal, sla);
      let seed = 42;
      const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
      const start = Date.parse('2025-12-01T00:00:00Z');
      for (let i = 0; i < 2_000; i++) {
        const a = new Date(start + Math.floor(next() * 400 * 86_400_000));
        const b = new Date(a.getTime() + Math.floor((next() - 0.1) * 60 * 86_400_000));
        expect(between(a, b), `${a.toISOString()} → ${b.toISOString()}`).to.equal(officeMinutesBetween(a, b, cal));
      }
    });
  }
});

describe('metrics row dates from either driver', () => {
  const cases: [string, Date | string | null, string | null][] = [
    ['SQLite text with an offset', '2026-03-10 01:00:00.000 +00:00', '2026-03-10T01:00:00.000Z'],
    ['SQLite text without milliseconds', '2026-03-10 01:00:00 +07:00', '2026-03-09T18:00:00.000Z'],
    ['a Date from mysql2, as is', new Date('2026-03-10T01:00:00Z'), '2026-03-10T01:00:00.000Z'],
    ['null stays null', null, null],
  ];
  for (const [name, value, iso] of cases) it(name, () => expect(rowDate(value)?.toISOString() ?? null).to.equal(iso));
  it('refuses text that is not a date', () => expect(() => rowDate('soon')).to.throw(/unreadable date/));
});
