// Every figure of a known history (rollup-history.ts), worked out by hand, read through the rollups (caught up
// from the watermarks, then rebuilt) and through the full recompute from events.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { statusChange } from '../../support/ticket-factory.js';
import {
  parseBound, rebuildRollups, refreshRollups, responseMetrics, verifyRollups, type GroupMetrics,
} from '../../../server/services/metrics/index.js';
import type { MetricsReport } from '../../../server/services/metrics/response-metrics.js';
import { SKETCH_RELATIVE_ERROR } from '../../../server/services/metrics/rollup/sketch.js';
import { seedRollupHistory } from './rollup-history.js';

const h = (minutes: number) => minutes / 60;
type Counts = Omit<GroupMetrics, 'first_response_median_hours' | 'first_response_p90_hours' | 'resolution_median_hours' | 'resolution_p90_hours'>;
type Hours = [frMedian: number | null, frP90: number | null, resMedian: number | null, resP90: number | null];

const counts = (c: Partial<Counts>): Counts => ({
  received: 0, resolved: 0, on_time: 0, late: 0, open: 0, overdue_open: 0, referred: 0, resolved_late: 0, open_in_time: 0,
  referred_on_time: 0, first_response_late: 0, ...c,
});

// SNV: T1 T2 on time, T3 T4 resolved late, T7 open past due; first responses 30 120 120 240 900 (T3, T7 late);
// resolutions 660 930 960 1860. Type-7 percentiles: median 120, p90 = 240 + 0.6 × 660 = 636; median 945, p90 = 960 + 0.7 × 900 = 1590.
const SNV = counts({ received: 5, resolved: 4, on_time: 2, resolved_late: 2, late: 3, open: 1, overdue_open: 1, first_response_late: 2 });
const SNV_HOURS: Hours = [h(120), h(636), h(945), h(1590)];
// STP: T5 T6 referred (one within 5 working days), T8 open in time, T10 on time (90 and 660 minutes).
const STP = counts({ received: 4, resolved: 1, on_time: 1, open: 1, open_in_time: 1, referred: 2, referred_on_time: 1 });
const STP_HOURS: Hours = [h(90), h(90), h(660), h(660)];
// Province: first responses 30 90 120 120 240 900 → median 120, p90 = 240 + 0.5 × 660 = 570;
// resolutions 660 660 930 960 1860 → median 930, p90 = 960 + 0.6 × 900 = 1500.
const TOTAL = counts({ received: 9, resolved: 5, on_time: 3, resolved_late: 2, late: 3, open: 2, overdue_open: 1, open_in_time: 1,
  referred: 2, referred_on_time: 1, first_response_late: 2 });
const TOTAL_HOURS: Hours = [h(120), h(570), h(930), h(1500)];

function expectGroup(actual: GroupMetrics, want: Counts, hours: Hours, source: MetricsReport['source']) {
  const { first_response_median_hours: a, first_response_p90_hours: b, resolution_median_hours: c, resolution_p90_hours: d, ...rest } = actual;
  const { agency: _code, agency_name: _name, ...figures } = rest as typeof rest & { agency?: string; agency_name?: string };
  expect(figures).to.deep.equal(want);
  expect(want.on_time + want.resolved_late + want.open_in_time + want.overdue_open + want.referred).to.equal(want.received);
  [a, b, c, d].forEach((got, i) => {
    const exact = hours[i]!;
    if (exact === null) return expect(got).to.equal(null);
    // the recompute is exact to the hundredth of an hour it prints; the rollups' sketches add their stated bound
    const bound = 0.005 + (source === 'rollups' ? exact * SKETCH_RELATIVE_ERROR + 1 / 3600 : 0) + 1e-9;
    expect(got, `percentile ${i} from ${source}`).to.be.closeTo(exact, bound);
  });
}

function expectAprilMay(report: MetricsReport) {
  expect(report.agencies.map((a) => a.agency)).to.deep.equal(['SNV', 'STP']);
  expectGroup(report.agencies[0]!, SNV, SNV_HOURS, report.source);
  expectGroup(report.agencies[1]!, STP, STP_HOURS, report.source);
  expectGroup(report.total, TOTAL, TOTAL_HOURS, report.source);
  expect(report.categories.map((c) => [c.category, c.received, c.on_time, c.resolved_late, c.open, c.referred])).to.deep.equal([
    ['', 3, 0, 0, 1, 2], ['giao_thong', 2, 0, 2, 0, 0], ['y_te', 4, 3, 0, 1, 0],
  ]);
  expect(report.classes.map((c) => [c.class, c.received, c.late])).to.deep.equal([['khieu_nai', 2, 1], ['phan_anh_kien_nghi', 7, 2]]);
  expect(report.months.map((m) => [m.month, m.received, m.on_time, m.overdue_open])).to.deep.equal([['2026-04', 7, 3, 0], ['2026-05', 2, 0, 1]]);
}

forEachDb('metrics rollups, figure by figure', (getDb) => {
  const aprilMay = { from: parseBound('2026-04-01', 'from'), to: parseBound('2026-05-31', 'to') };
  let t1Id: number;
  before(async () => {
    ({ t1: { id: t1Id } } = await seedRollupHistory(getDb()));
  });

  it('gives every hand-worked figure through the full recompute', async () => {
    const report = await responseMetrics(getDb(), { ...aprilMay, recompute: true });
    expect(report.source).to.equal('recompute');
    expectAprilMay(report);
  });

  it('gives the same figures through the rollups, caught up from the watermarks (whole months: month rows only)', async () => {
    const report = await responseMetrics(getDb(), aprilMay);
    expect(report.source).to.equal('rollups');
    expectAprilMay(report);
    expect((await verifyRollups(getDb())).ok).to.equal(true);
  });

  it('mixes day rows and month rows for a period that starts inside a month', async () => {
    const q = { from: parseBound('2026-04-10', 'from'), to: parseBound('2026-05-31', 'to') };
    for (const report of [await responseMetrics(getDb(), q), await responseMetrics(getDb(), { ...q, recompute: true })]) {
      // T2 T3 T4 T7 at SNV; T8 T10 at STP (T10 was received on the 10th at 16:00)
      expect(report.agencies.map((a) => [a.agency, a.received, a.on_time, a.resolved_late, a.overdue_open, a.open_in_time])).to.deep.equal([
        ['SNV', 4, 1, 2, 1, 0], ['STP', 2, 1, 0, 0, 1],
      ]);
    }
  });

  it('groups by receipt week on request, quiet weeks as zero', async () => {
    const q = { from: parseBound('2026-04-06', 'from'), to: parseBound('2026-04-19', 'to'), weeks: true };
    for (const report of [await responseMetrics(getDb(), q), await responseMetrics(getDb(), { ...q, recompute: true })]) {
      expect(report.weeks.map((w) => [w.week, w.received, w.referred])).to.deep.equal([['2026-04-06', 4, 2], ['2026-04-13', 1, 0]]);
    }
  });

  it('reads week rows for the whole weeks of a period inside a month, day rows for its edges', async () => {
    const q = { from: parseBound('2026-04-06', 'from'), to: parseBound('2026-04-22', 'to') };
    const rollups = await responseMetrics(getDb(), q);
    const recomputed = await responseMetrics(getDb(), { ...q, recompute: true });
    // T1 (on time) and T3 (resolved late) at SNV; T5 T6 (referred) and T10 (on time) at STP
    for (const report of [rollups, recomputed]) {
      expect(report.agencies.map((a) => [a.agency, a.received, a.on_time, a.resolved_late, a.referred, a.open])).to.deep.equal([
        ['SNV', 2, 1, 1, 0, 0], ['STP', 3, 1, 0, 2, 0],
      ]);
    }
    const countsOf = (r: MetricsReport) => [...r.categories, ...r.classes, ...r.months].map(({ received, on_time, late, open, referred }) => [received, on_time, late, open, referred]);
    expect(countsOf(rollups)).to.deep.equal(countsOf(recomputed));
  });

  it('reads year rows for whole years (all time, or 2026) when only agencies are asked for', async () => {
    for (const q of [{}, { from: parseBound('2026-01-01', 'from'), to: parseBound('2026-12-31', 'to') }]) {
      const report = await responseMetrics(getDb(), { ...q, only: ['agencies'] });
      expect(report.source).to.equal('rollups');
      expectGroup(report.agencies[0]!, SNV, SNV_HOURS, report.source);
      expectGroup(report.agencies[1]!, STP, STP_HOURS, report.source);
      expectGroup(report.total, TOTAL, TOTAL_HOURS, report.source);
    }
  });

  it('follows a later event (T1 reopened) on the next refresh, and a rebuild gives the same rows', async () => {
    await statusChange(getDb(), { id: t1Id } as never, '2026-05-20T08:00', 'resolved', 'open');
    const refreshed = await refreshRollups(getDb());
    expect(refreshed).to.include({ tickets: 1, changed: 1, busy: false });
    const report = await responseMetrics(getDb(), aprilMay);
    // T1 is open again and past its 10/4 deadline
    expect(report.agencies[0]).to.include({ received: 5, on_time: 1, open: 2, overdue_open: 2, late: 4 });
    expect((await verifyRollups(getDb())).ok).to.equal(true);
    const rebuilt = await rebuildRollups(getDb());
    expect(rebuilt.tickets).to.equal(9);
    const after = await responseMetrics(getDb(), aprilMay);
    expect(after.agencies).to.deep.equal(report.agencies);
    expect(after.total).to.deep.equal(report.total);
  });

  it('verify names a tampered week or year row, which the reads of whole weeks and years do show', async () => {
    const week = { from: parseBound('2026-04-06', 'from'), to: parseBound('2026-04-12', 'to'), only: ['agencies' as const] };
    const before = (await responseMetrics(getDb(), week)).total.received;
    await getDb().models.MetricWeekRollup.update({ received: 99 }, { where: { week: '2026-04-06', category: 'y_te' } });
    expect((await responseMetrics(getDb(), week)).total.received).to.be.greaterThan(before);
    let r = await verifyRollups(getDb());
    expect(r.differences[0]).to.include({ table: 'metric_week_rollups' });
    expect(r.differences[0]!.key).to.match(/\|2026-04-06\|y_te\|/);
    await rebuildRollups(getDb());
    expect((await responseMetrics(getDb(), week)).total.received).to.equal(before);

    await getDb().models.MetricYearRollup.update({ received: 99 }, { where: { year: '2026', category: 'y_te', class: 'phan_anh_kien_nghi' } });
    expect((await responseMetrics(getDb(), { only: ['agencies'] })).total.received).to.be.greaterThan(TOTAL.received);
    r = await verifyRollups(getDb());
    expect(r.differences[0]).to.include({ table: 'metric_year_rollups' });
    expect(r.differences[0]!.key).to.match(/\|2026\|y_te\|phan_anh_kien_nghi$/);
    await rebuildRollups(getDb());
    expect((await verifyRollups(getDb())).ok).to.equal(true);
  });

  it('verify names the first difference when a rollup row is tampered with', async () => {
    await getDb().models.MetricMonthRollup.update({ received: 99 }, { where: { month: '2026-04' } });
    const r = await verifyRollups(getDb());
    expect(r.ok).to.equal(false);
    expect(r.differences[0]).to.include({ table: 'metric_month_rollups' });
    expect(r.differences[0]!.key).to.match(/\|2026-04\|/);
    await rebuildRollups(getDb());
    expect((await verifyRollups(getDb())).ok).to.equal(true);
  });
});
