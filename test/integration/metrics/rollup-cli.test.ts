import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { runGovmail } from '../../support/cli.js';
import { seedRollupHistory } from './rollup-history.js';

forEachDb('govmail metrics:rebuild and metrics:verify', (getDb) => {
  let env: Record<string, string>;
  before(async () => {
    await seedRollupHistory(getDb());
    env = { DATABASE_URL: getDb().url };
  });

  it('metrics --json reads the rollups (caught up first) and keeps its contract', async () => {
    const run = await runGovmail(['metrics', '--from', '2026-04-01', '--to', '2026-05-31', '--json'], env);
    expect(run.code, run.stderr).to.equal(0);
    const rows = run.json<Record<string, unknown>[]>();
    expect(rows.map((r) => [r.agency, r.received, r.on_time, r.late, r.open, r.overdue_open, r.referred])).to.deep.equal([
      ['SNV', 5, 2, 3, 1, 1, 0], ['STP', 4, 1, 0, 1, 0, 2],
    ]);
    expect(rows[0]!.first_response_median_hours).to.be.closeTo(2, 0.02);
  });

  it('verify exits 0 when the rollups agree, 1 with the first differences when they do not; rebuild mends them', async () => {
    const clean = await runGovmail(['metrics:verify', '--json'], env);
    expect(clean.code, clean.stderr).to.equal(0);
    // weeks: the 8 day cells fall in 8 week cells; years: April's and May's cells of one category and class share a year
    expect(clean.json()).to.deep.include({ ok: true, checked: { facts: 9, day_rows: 8, week_rows: 8, month_rows: 7, year_rows: 6 } });

    await getDb().models.MetricDayRollup.update({ on_time: 7 }, { where: { day: '2026-04-07' } });
    const dirty = await runGovmail(['metrics:verify', '--json'], env);
    expect(dirty.code).to.equal(1);
    expect(dirty.stderr).to.contain('metrics:rebuild');
    const report = dirty.json<{ ok: boolean; differences: { table: string; key: string; stored: { on_time: number }; expected: { on_time: number } }[] }>();
    expect(report.ok).to.equal(false);
    expect(report.differences[0]).to.deep.include({ table: 'metric_day_rollups' });
    expect(report.differences[0]!.key).to.match(/\|2026-04-07\|y_te\|phan_anh_kien_nghi$/);
    expect([report.differences[0]!.stored.on_time, report.differences[0]!.expected.on_time]).to.deep.equal([7, 1]);

    const rebuild = await runGovmail(['metrics:rebuild', '--json'], env);
    expect(rebuild.code, rebuild.stderr).to.equal(0);
    expect(rebuild.json()).to.include({ tickets: 9, day_rows: 8, week_rows: 8, month_rows: 7, year_rows: 6 });
    expect((await runGovmail(['metrics:verify'], env)).code).to.equal(0);
  });
});
