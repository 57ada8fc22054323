import { expect } from 'chai';
import { firstResponseChart, niceTicks, outcomeChart } from '../../../server/web/presenters/metrics-charts.js';
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

  it('puts gridlines at round values, 0 to the step above the largest (whole 1, 2 or 5 × 10^k, at most 5 steps)', () => {
    for (const [max, ticks] of [[1, [0, 1]], [4, [0, 1, 2, 3, 4]], [7, [0, 2, 4, 6, 8]], [10, [0, 2, 4, 6, 8, 10]], [23, [0, 5, 10, 15, 20, 25]],
      [180, [0, 50, 100, 150, 200]], [0.6, [0, 1]], [1234, [0, 500, 1000, 1500]]] as const) {
      expect(niceTicks(max), `max ${max}`).to.deep.equal(ticks);
    }
  });

  it('draws each bar chart on its axis: the longest bar ends at its value on the tick scale, ticks labelled', () => {
    const chart = outcomeChart([agency('A', { received: 7, on_time: 7 })], 'vi');
    expect(chart.axis.ticks.map((t) => t.label)).to.deep.equal(['0', '2', '4', '6', '8']);
    const bar = chart.rows[0]!.segments[0]!;
    const at = (v: number) => chart.axis.ticks[0]!.x + ((chart.axis.endX - chart.axis.ticks[0]!.x) * v) / 8;
    expect(bar.x + bar.width).to.be.closeTo(at(7), 1);
    expect(chart.axis.y).to.be.lessThan(chart.height);
    const fr = firstResponseChart([agency('A', { first_response_median_hours: 3, first_response_p90_hours: 9 })], 'en');
    expect(fr.axis.ticks.map((t) => t.label)).to.deep.equal(['0 h', '2 h', '4 h', '6 h', '8 h', '10 h']);
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

  it('draws the trend on a value axis of round counts, the top gridline at the step above the largest value', () => {
    const weeks: TrendPoint[] = ['2026-03-02', '2026-03-09'].map((period, i) => ({ period, received: 3 + i * 4, resolved: 1, late: 0 }));
    const chart = trendChart(weeks);
    expect(chart.yTicks.map((t) => t.label)).to.deep.equal([0, 2, 4, 6, 8]);
    expect(chart.yTicks[0]!.y).to.equal(chart.bottom);
    expect(chart.yTicks[4]!.y).to.equal(chart.top);
    expect(chart.series[0]!.dots[1]!.y).to.be.greaterThan(chart.top); // 7 sits under the 8 line
  });

  it('labels a monthly trend by month and year', () => {
    const months: TrendPoint[] = ['2026-04', '2026-05'].map((period) => ({ period, received: 3, resolved: 2, late: 1 }));
    const chart = trendChart(months, shortMonth);
    expect(chart.xLabels.map((l) => l.text)).to.deep.equal(['04/2026', '05/2026']);
    // the last month's label ends at its point: centred there, half of it passed the chart's right edge and was cut
    expect(chart.xLabels.map((l) => l.anchor)).to.deep.equal(['middle', 'end']);
    expect(trendChart(months.slice(0, 1), shortMonth).xLabels[0]!.anchor, 'one point sits mid-chart').to.equal('middle');
    expect(chart.series[2]!.dots[1]!.title).to.equal('05/2026: 1');
  });
});
