import { expect } from 'chai';
import { groupAccumulator, groupedAccumulator } from '../../../server/services/metrics/aggregate.js';
import type { Outcome, TicketFacts } from '../../../server/services/metrics/ticket-facts.js';
import { parseBound, weekStart, weeksBetween } from '../../../server/services/metrics/report-period.js';
import { csvField } from '../../../server/services/metrics/export-rows.js';

function facts(outcome: Outcome, firstResponseMinutes: number | null, resolutionMinutes: number | null, agencyId = 1): TicketFacts {
  return {
    ticket: { id: 1, ref: 'X', agencyId, category: null, receivedAt: new Date(), dueAt: null },
    firstResponseAt: null, resolvedAt: null, firstResponseMinutes, resolutionMinutes, outcome, referredOnTime: null, firstResponseLate: false,
  };
}

describe('metrics aggregation', () => {
  it('counts received, on time, late (resolved late + open overdue) and the open backlog', () => {
    const acc = groupAccumulator();
    for (const f of [facts('on_time', 60, 120), facts('on_time', 30, 240), facts('late', 600, 6000), facts('open_overdue', null, null), facts('open_in_time', 90, null)]) acc.add(f);
    const m = acc.result();
    expect(m).to.include({ received: 5, resolved: 3, on_time: 2, late: 2, open: 2, overdue_open: 1 });
    expect(m.on_time + m.late + (m.open - m.overdue_open)).to.equal(m.received);
  });

  it('gives median and p90 in working hours over the tickets that have the duration', () => {
    const acc = groupAccumulator();
    for (const f of [facts('on_time', 60, 120), facts('on_time', 30, 240), facts('late', 600, 6000), facts('open_in_time', 90, null)]) acc.add(f);
    const m = acc.result();
    expect(m.first_response_median_hours).to.equal(1.25); // (60 + 90) / 2 minutes
    expect(m.first_response_p90_hours).to.equal(7.45); // 90 + 0.7 × (600 − 90) = 447 minutes
    expect(m.resolution_median_hours).to.equal(4);
    expect(m.resolution_p90_hours).to.equal(80.8); // 240 + 0.8 × 5760 = 4848 minutes
  });

  it('reports null durations for a group with no replies', () => {
    const acc = groupAccumulator();
    acc.add(facts('open_in_time', null, null));
    expect(acc.result()).to.include({ first_response_median_hours: null, resolution_p90_hours: null });
  });

  it('keeps groups apart', () => {
    const acc = groupedAccumulator((f) => f.ticket.agencyId);
    acc.add(facts('on_time', 60, 60, 1));
    acc.add(facts('late', 60, 60, 2));
    acc.add(facts('late', 60, 60, 2));
    expect(acc.keys()).to.deep.equal([1, 2]);
    expect(acc.result(2).late).to.equal(2);
    expect(acc.result(3).received).to.equal(0);
  });
});

describe('metrics periods and weeks (local time, UTC+7)', () => {
  it('reads a plain date as the whole local day', () => {
    expect(parseBound('2026-03-01', 'from').toISOString()).to.equal('2026-02-28T17:00:00.000Z');
    expect(parseBound('2026-03-31', 'to').toISOString()).to.equal('2026-03-31T17:00:00.000Z');
  });

  it('refuses an impossible date', () => {
    expect(() => parseBound('2026-02-30', 'from')).to.throw(/not a calendar date/);
    expect(() => parseBound('soon', 'to')).to.throw(/not a date/);
  });

  it('buckets by the local Monday: Sunday 23:30 local belongs to the week before, Monday 00:30 local to the new one', () => {
    expect(weekStart(new Date('2026-03-15T23:30:00+07:00'))).to.equal('2026-03-09');
    expect(weekStart(new Date('2026-03-16T00:30:00+07:00'))).to.equal('2026-03-16');
  });

  it('lists every week between two Mondays so quiet weeks show as zero', () => {
    expect(weeksBetween('2026-03-02', '2026-03-23')).to.deep.equal(['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23']);
  });
});

describe('metrics CSV fields', () => {
  const cases: [string, string | number | null, string][] = [
    ['leaves plain text alone', 'SYT-2026-000001', 'SYT-2026-000001'],
    ['quotes commas and doubles quotes', 'a, "b"', '"a, ""b"""'],
    ['writes null as empty', null, ''],
    ['defuses a formula', '=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['writes numbers as they are', -1.5, '-1.5'],
    ['issue 13 item 10 (CSV tab and CR): defuses a formula behind a leading tab', '\t=1+1', `'\t=1+1`],
    ['issue 13 item 10 (CSV tab and CR): defuses a formula behind a leading CR', '\r=1+1', `"'\r=1+1"`],
    ['issue 13 item 10 (CSV tab and CR): defuses + - @ too', '@SUM(A1)', `'@SUM(A1)`],
  ];
  for (const [name, value, expected] of cases) it(name, () => expect(csvField(value)).to.equal(expected));
});
