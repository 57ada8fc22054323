// The table process_metrics (services/ops/process-metrics.ts) on each database: every process writes its figures
// since start under its own id; the sum over the rows is the deployment's; a row gone stale is folded into
// '(retired)' without changing the sum; a process that was only stalled goes on without counting anything twice.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { MetricsPublisher, PROCESS_METRICS_EXPIRE_MS, RETIRED_PROCESS, expireProcessMetrics, readProcessMetrics } from '../../../server/services/ops/process-metrics.js';
import { sumMetrics, type MetricJson } from '../../../server/services/ops/metric-samples.js';

const NAME = 'govmail_test_polls_seconds';
const BOUNDS = new Map([[NAME, [1, 10]]]);

/** A process's live histogram of one series: `n` passes of `seconds` each so far. */
function passes(n: number, seconds: number): MetricJson[] {
  const at = (le: number) => (seconds <= le ? n : 0);
  return [{
    name: NAME, help: 'h', type: 'histogram', aggregator: 'sum',
    values: [
      { metricName: `${NAME}_bucket`, labels: { le: 1, agency: 'STP' }, value: at(1) },
      { metricName: `${NAME}_bucket`, labels: { le: 10, agency: 'STP' }, value: at(10) },
      { metricName: `${NAME}_bucket`, labels: { le: '+Inf', agency: 'STP' }, value: n },
      { metricName: `${NAME}_sum`, labels: { agency: 'STP' }, value: n * seconds },
      { metricName: `${NAME}_count`, labels: { agency: 'STP' }, value: n },
    ],
  }];
}

forEachDb('process metrics table', (getDb) => {
  const db = (): TestDb => getDb();
  const total = async () => {
    const sum = sumMetrics((await readProcessMetrics(db(), BOUNDS)).get(NAME) ?? []);
    const get = (metricName: string, le?: number | string) => sum?.values.find((s) => s.metricName === metricName && (le === undefined || s.labels.le === le))?.value ?? 0;
    return { count: get(`${NAME}_count`), sum: get(`${NAME}_sum`), fast: get(`${NAME}_bucket`, 1), inf: get(`${NAME}_bucket`, '+Inf') };
  };
  const rows = () => db().sequelize.query<{ process: string }>('SELECT process FROM process_metrics WHERE metric = :m ORDER BY process', { replacements: { m: NAME }, type: QueryTypes.SELECT });

  it('adds up the figures every process wrote, each process\'s row replaced by its newer totals', async () => {
    let a = passes(2, 0.5);
    const b = passes(3, 5);
    const pa = new MetricsPublisher(db(), async () => a, 'host-a:1:aa');
    const pb = new MetricsPublisher(db(), async () => b, 'host-b:2:bb');
    await Promise.all([pa.publish(), pb.publish()]);
    expect(await total()).to.deep.equal({ count: 5, sum: 16, fast: 2, inf: 5 });
    a = passes(4, 0.5);
    await pa.publish();
    await pa.publish();
    expect(await total()).to.deep.equal({ count: 7, sum: 17, fast: 4, inf: 7 });
    expect((await rows()).map((r) => r.process)).to.deep.equal(['host-a:1:aa', 'host-b:2:bb']);
  });

  it('folds the rows of a process gone quiet into (retired): the sum stays, its row goes, a live one stays', async () => {
    const before = await total();
    const later = new Date(Date.now() + PROCESS_METRICS_EXPIRE_MS + 60_000);
    // host-a is still writing at `later`; host-b has not written since the first test
    await new MetricsPublisher(db(), async () => passes(4, 0.5), 'host-a:1:aa').publish(later);
    expect(await expireProcessMetrics(db(), later, BOUNDS)).to.equal(1);
    expect((await rows()).map((r) => r.process)).to.deep.equal([RETIRED_PROCESS, 'host-a:1:aa'].sort());
    expect(await total()).to.deep.equal(before);
    // folding again finds nothing
    expect(await expireProcessMetrics(db(), later, BOUNDS)).to.equal(0);
  });

  it('a stalled process whose row was folded writes only what it counted since, so nothing counts twice', async () => {
    let live = passes(1, 0.2);
    const p = new MetricsPublisher(db(), async () => live, 'host-c:3:cc');
    await p.publish();
    const before = await total();
    const later = new Date(Date.now() + 2 * PROCESS_METRICS_EXPIRE_MS);
    await new MetricsPublisher(db(), async () => passes(4, 0.5), 'host-a:1:aa').publish(later);
    expect(await expireProcessMetrics(db(), later, BOUNDS), 'host-c folded while stalled').to.equal(1);
    expect(await total()).to.deep.equal(before);
    // host-c wakes up, having counted 2 more passes
    live = passes(3, 0.2);
    await p.publish(later);
    expect(await total()).to.deep.equal({ count: before.count + 2, sum: before.sum + 0.4, fast: before.fast + 2, inf: before.inf + 2 });
    // and goes on: the next totals replace its new row, still not counting the folded pass again
    live = passes(4, 0.2);
    await p.publish(later);
    const now = await total();
    expect(now.count).to.equal(before.count + 3);
    expect(now.sum).to.be.closeTo(before.sum + 0.6, 1e-9);
  });

  it('keeps a process\'s row when it writes the same figures twice at one instant (a timer tick and a scrape together)', async () => {
    const before = await total();
    const live = passes(2, 3);
    const p = new MetricsPublisher(db(), async () => live, 'host-d:4:dd');
    const at = new Date();
    await p.publish(at);
    // nothing counted meanwhile and the same instant: the UPDATE changes no column unless the time moves on
    await Promise.all([p.publish(at), p.publish(at)]);
    await p.publish(at);
    const now = await total();
    expect({ ...now, sum: 0 }).to.deep.equal({ count: before.count + 2, sum: 0, fast: before.fast, inf: before.inf + 2 });
    expect(now.sum).to.be.closeTo(before.sum + 6, 1e-9);
    expect((await rows()).filter((r) => r.process === 'host-d:4:dd')).to.have.length(1);
  });
});
