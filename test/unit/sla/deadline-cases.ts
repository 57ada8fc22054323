// Shared runner for the table-driven deadline tests. Expected values were derived by hand from the
// counting rules in DESIGN.md §4 and the holiday lists in vietnam.md §2.2, not by running the code.
import { expect } from 'chai';
import { addPeriod, parsePeriod, type WorkCalendar } from '../../../server/services/sla/index.js';
import { toLocalIso } from '../../../server/services/time/index.js';

/** [received at (ISO with +07:00), period as written, expected deadline (ISO with +07:00), why] */
export type DeadlineCase = readonly [string, string, string, string];

export function runDeadlineCases(cases: readonly DeadlineCase[], cal: () => WorkCalendar): void {
  for (const [from, period, expected, why] of cases) {
    it(`${from} + ${period} → ${expected}: ${why}`, () => {
      const due = addPeriod(new Date(from), parsePeriod(period), cal());
      expect(toLocalIso(due)).to.equal(toLocalIso(new Date(expected)));
    });
  }
}
