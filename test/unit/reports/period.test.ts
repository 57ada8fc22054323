// The named report periods: parsing the CLI's and the form's text, their local-day bounds, and which periods the
// schedule mails at a given instant (local time, UTC+7: 00:30 on 1 July in Vietnam is still 30 June in UTC).
import { expect } from 'chai';
import {
  lastFinishedPeriods, parseReportPeriod, periodBounds, recentPeriods, ReportPeriodError,
} from '../../../server/services/reports/index.js';

describe('report periods', () => {
  const table: [string, string, string, string][] = [
    ['2026-11', 'month', '2026-11-01', '2026-11-30'],
    ['2028-02', 'month', '2028-02-01', '2028-02-29'],
    ['2026-Q3', 'quarter', '2026-07-01', '2026-09-30'],
    ['2026-q1', 'quarter', '2026-01-01', '2026-03-31'],
    ['2026-H1', 'half', '2026-01-01', '2026-06-30'],
    ['2026-h2', 'half', '2026-07-01', '2026-12-31'],
  ];
  for (const [text, kind, first, last] of table) {
    it(`reads ${text} as the ${kind} ${first} … ${last}`, () => {
      const p = parseReportPeriod(text);
      expect([p.kind, p.first, p.last, p.key]).to.deep.equal([kind, first, last, text.toUpperCase().replace(/^(\d{4})-/, '$1-')]);
    });
  }

  for (const bad of ['2026-13', '2026-00', '2026-Q5', '2026-H3', '26-11', '2026/11', '', '1999-01']) {
    it(`refuses "${bad}"`, () => expect(() => parseReportPeriod(bad)).to.throw(ReportPeriodError));
  }

  it('bounds a period from its first local midnight to the midnight after its last day', () => {
    const { from, to } = periodBounds(parseReportPeriod('2026-Q2'));
    expect([from.toISOString(), to.toISOString()]).to.deep.equal(['2026-03-31T17:00:00.000Z', '2026-06-30T17:00:00.000Z']);
  });

  it('mails, at 00:30 on 1 July local time, June, the second quarter and the first half-year', () => {
    expect(lastFinishedPeriods(new Date('2026-06-30T17:30:00Z')).map((p) => p.key)).to.deep.equal(['2026-06', '2026-Q2', '2026-H1']);
  });

  it('in January mails December, the fourth quarter and the second half of the year before', () => {
    expect(lastFinishedPeriods(new Date('2027-01-15T03:00:00Z')).map((p) => p.key)).to.deep.equal(['2026-12', '2026-Q4', '2026-H2']);
  });

  it('lists the recent finished periods newest first, across a year', () => {
    expect(recentPeriods('quarter', new Date('2026-05-10T03:00:00Z'), 3).map((p) => p.key)).to.deep.equal(['2026-Q1', '2025-Q4', '2025-Q3']);
  });
});
