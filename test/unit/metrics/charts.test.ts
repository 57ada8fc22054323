import { expect } from 'chai';
import { firstResponseChart, outcomeChart } from '../../../server/web/presenters/metrics-charts.js';
import { shortMonth, trendChart } from '../../../server/web/presenters/metrics-trend.js';
import type { AgencyMetrics, TrendPoint } from '../../../server/services/metrics/index.js';

const zero = { received: 0, resolved: 0, on_time: 0, late: 0, open: 0, overdue_open: 0, referred: 0, resolved_late: 0, open_in_time: 0, referred_on_time: 0, first_response_late: 0,
  first_response_median_hours: null, first_response_p90_hours: null, resolution_median_hours: null, resolution_p90_hours: null };
const agency = (code: string, m: Partial<AgencyMetrics>): AgencyMetrics => ({ agency: code, agency_name: code, ...zero, ...m });

describe('metrics charts (SVG geometry)', () => {
  it('draws bars as long as received, split into on time, late, open in time and referred', () => {
    const chart = outcomeChart([agency('A', { received: 10, on_time: 5, late: 3, open: 3, overdue_open: 1, referred: 0 }), agency('B', { received: 5, on_time: 5 })]);
    const [a, b] = chart.rows;
    expect(a!.segments.map((s) => [s.kind, s.count])).to.deep.equal([['on_time', 5], ['late', 3], ['open', 2]]);
    const total = (r: typeof a) => r!.segments.reduce((n, s) => n + s.width, 0);
    expect(total(a)).to.be.closeTo(2 * total(b), 2);
  });

  it('leaves an agency with no first response without a bar instead of failing', () => {
    const chart = firstResponseChart([agency('A', { first_response_median_hours: 2, first_response_p90_hours: 8 }), agency('B', {})], 'en');
    expect(chart.rows[1]!.median.width).to.equal(0);
    expect(chart.rows[1]!.median.value).to.equal('–');
    expect(chart.rows[0]!.p90.width).to.be.greaterThan(chart.rows[0]!.median.width * 3.9);
  });

  it('plots one point per week for each series, highest value at the top', () => {
    const weeks: TrendPoint[] = ['2026-03-02', '2026-03-09', '2026-03-16'].map((period, i) => ({ period, received: i * 2, resolved: i, late: 0 }));
    const chart = trendChart(weeks);
    expect(chart.series.map((s) => s.kind)).to.deep.equal(['received', 'resolved', 'late']);
    const received = chart.series[0]!.dots;
    expect(received).to.have.length(3);
    expect(received[2]!.y).to.equal(chart.top);
    expect(received[0]!.y).to.equal(chart.bottom);
    expect(chart.xLabels.map((l) => l.text)).to.deep.equal(['02/03', '09/03', '16/03']);
  });

  it('labels a monthly trend by month and year', () => {
    const months: TrendPoint[] = ['2026-04', '2026-05'].map((period) => ({ period, received: 3, resolved: 2, late: 1 }));
    const chart = trendChart(months, shortMonth);
    expect(chart.xLabels.map((l) => l.text)).to.deep.equal(['04/2026', '05/2026']);
    expect(chart.series[2]!.dots[1]!.title).to.equal('05/2026: 1');
  });
});
