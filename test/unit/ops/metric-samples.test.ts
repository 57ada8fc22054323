// How the figures of many govmail processes add up at /metrics/prom (services/ops/metric-samples.ts): counters
// series by series, histograms bucket by bucket, a folded-away row subtracted, other bucket bounds conformed.
import { expect } from 'chai';
import { conformBuckets, subtractMetric, sumMetrics, type MetricJson } from '../../../server/services/ops/metric-samples.js';

const counter = (values: [Record<string, string>, number][]): MetricJson => ({
  name: 'govmail_x_total', help: 'x', type: 'counter', aggregator: 'sum', values: values.map(([labels, value]) => ({ labels, value })),
});

/** A histogram of one series (agency) with bounds → cumulative counts, +Inf, sum and count. */
function histogram(agency: string, buckets: [number, number][], inf: number, sum: number): MetricJson {
  const name = 'govmail_poll_seconds';
  return {
    name, help: 'h', type: 'histogram', aggregator: 'sum',
    values: [
      ...buckets.map(([le, value]) => ({ metricName: `${name}_bucket`, labels: { le, agency }, value })),
      { metricName: `${name}_bucket`, labels: { le: '+Inf', agency }, value: inf },
      { metricName: `${name}_sum`, labels: { agency }, value: sum },
      { metricName: `${name}_count`, labels: { agency }, value: inf },
    ],
  };
}
const value = (m: MetricJson | undefined, metricName: string | undefined, labels: Record<string, string | number>) =>
  m?.values.find((s) => s.metricName === metricName && JSON.stringify(Object.entries(s.labels).sort()) === JSON.stringify(Object.entries(labels).sort()))?.value;

describe('ops metric samples: adding up processes', () => {
  it('adds counters of several processes series by series; a series only one process has is kept as it is', () => {
    const web1 = counter([[{ status: '2xx' }, 5], [{ status: '5xx' }, 1]]);
    const web2 = counter([[{ status: '2xx' }, 7]]);
    const sum = sumMetrics([web1, web2])!;
    expect(value(sum, undefined, { status: '2xx' })).to.equal(12);
    expect(value(sum, undefined, { status: '5xx' })).to.equal(1);
    expect(sum.values).to.have.length(2);
    expect(web1.values[0]!.value, 'the parts are not changed').to.equal(5);
  });

  it('matches labels whatever their order', () => {
    const a: MetricJson = { ...counter([]), values: [{ labels: { method: 'GET', route: '/a' }, value: 1 }] };
    const b: MetricJson = { ...counter([]), values: [{ labels: { route: '/a', method: 'GET' }, value: 2 }] };
    expect(sumMetrics([a, b])!.values).to.deep.equal([{ labels: { method: 'GET', route: '/a' }, value: 3 }]);
  });

  it('adds histograms bucket by bucket, so the sum is still cumulative and +Inf equals the count', () => {
    const worker1 = histogram('STP', [[0.1, 1], [1, 3]], 4, 2.5);
    const worker2 = histogram('STP', [[0.1, 0], [1, 2]], 2, 1.5);
    const other = histogram('SYT', [[0.1, 1], [1, 1]], 1, 0.05);
    const sum = sumMetrics([worker1, worker2, other])!;
    expect(value(sum, 'govmail_poll_seconds_bucket', { le: 0.1, agency: 'STP' })).to.equal(1);
    expect(value(sum, 'govmail_poll_seconds_bucket', { le: 1, agency: 'STP' })).to.equal(5);
    expect(value(sum, 'govmail_poll_seconds_bucket', { le: '+Inf', agency: 'STP' })).to.equal(6);
    expect(value(sum, 'govmail_poll_seconds_count', { agency: 'STP' })).to.equal(6);
    expect(value(sum, 'govmail_poll_seconds_sum', { agency: 'STP' })).to.equal(4);
    expect(value(sum, 'govmail_poll_seconds_count', { agency: 'SYT' })).to.equal(1);
    // buckets keep ascending order within a series
    const stp = sum.values.filter((s) => s.metricName === 'govmail_poll_seconds_bucket' && s.labels.agency === 'STP').map((s) => s.labels.le);
    expect(stp).to.deep.equal([0.1, 1, '+Inf']);
  });

  it('has nothing to add when no process wrote the metric', () => {
    expect(sumMetrics([])).to.equal(undefined);
  });

  it('subtracts what a folded row already holds, series by series (a series the fold did not have counts 0 there)', () => {
    const live = counter([[{ status: '2xx' }, 10], [{ status: '4xx' }, 3]]);
    const folded = counter([[{ status: '2xx' }, 4]]);
    const since = subtractMetric(live, folded);
    expect(value(since, undefined, { status: '2xx' })).to.equal(6);
    expect(value(since, undefined, { status: '4xx' })).to.equal(3);
    // folded + since = live: the fold and the new row together count each request once
    expect(sumMetrics([folded, since])!.values.map((s) => s.value)).to.deep.equal([10, 3]);
    expect(subtractMetric(live, undefined)).to.equal(live);
  });

  it('leaves a histogram on this release\'s bounds as it is, and a counter always', () => {
    const h = histogram('STP', [[0.1, 1], [1, 3]], 4, 2.5);
    expect(conformBuckets(h, [0.1, 1])).to.equal(h);
    const c = counter([[{}, 1]]);
    expect(conformBuckets(c, [0.1])).to.equal(c);
  });

  it('puts a histogram of other bounds (an older release) on this release\'s: the count at the largest own bound not above, +Inf, sum and count exact', () => {
    const old = histogram('STP', [[0.05, 1], [0.5, 2], [5, 4]], 6, 9);
    const now = conformBuckets(old, [0.1, 1, 2.5, 10]);
    const buckets = now.values.filter((s) => s.metricName === 'govmail_poll_seconds_bucket').map((s) => [s.labels.le, s.value]);
    expect(buckets).to.deep.equal([[0.1, 1], [1, 2], [2.5, 2], [10, 4], ['+Inf', 6]]);
    expect(value(now, 'govmail_poll_seconds_sum', { agency: 'STP' })).to.equal(9);
    expect(value(now, 'govmail_poll_seconds_count', { agency: 'STP' })).to.equal(6);
    // added to a process already on the new bounds, the buckets still grow with le
    const sum = sumMetrics([now, histogram('STP', [[0.1, 2], [1, 2], [2.5, 3], [10, 3]], 3, 1)])!;
    const les = sum.values.filter((s) => s.metricName === 'govmail_poll_seconds_bucket').map((s) => s.value);
    expect(les).to.deep.equal([3, 4, 5, 7, 9]);
  });
});
