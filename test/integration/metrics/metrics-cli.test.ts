import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { forEachDb } from '../../support/databases.js';
import { runGovmail } from '../../support/cli.js';
import { AS_OF, seedMetricsDataset } from './metrics-dataset.js';

forEachDb('govmail metrics', (getDb) => {
  let env: Record<string, string>;
  const march = ['--from', '2026-03-01', '--to', '2026-03-31', '--as-of', AS_OF];
  before(async () => {
    await seedMetricsDataset(getDb());
    env = { DATABASE_URL: getDb().url };
  });

  it('prints per agency received, on time, late, open and working-hour percentiles, exactly', async () => {
    const run = await runGovmail(['metrics', ...march, '--json'], env);
    expect(run.code, run.stderr).to.equal(0);
    const rows = run.json<Record<string, unknown>[]>();
    expect(rows.map((r) => r.agency)).to.deep.equal(['SXD', 'SYT']);
    expect(rows[1]).to.deep.equal({
      agency: 'SYT', agency_name: 'Sở Y tế', received: 4, resolved: 2, on_time: 1, late: 2, open: 2, overdue_open: 1, referred: 0,
      resolved_late: 1, open_in_time: 1, referred_on_time: 0, first_response_late: 0,
      first_response_median_hours: 2, first_response_p90_hours: 3.2, resolution_median_hours: 16.5, resolution_p90_hours: 17.3,
    });
    expect(rows[0]).to.include({ received: 2, resolved: 1, on_time: 1, late: 0, open: 0, referred: 1,
      first_response_median_hours: null, resolution_median_hours: 2, resolution_p90_hours: 2 });
  });

  it('without a period counts every ticket but history imports; Tết is not working time', async () => {
    const run = await runGovmail(['metrics', '--agency', 'SXD', '--as-of', AS_OF, '--json'], env);
    expect(run.code, run.stderr).to.equal(0);
    const [sxd] = run.json<Record<string, unknown>[]>();
    expect(sxd).to.include({ agency: 'SXD', received: 3, on_time: 2, referred: 1,
      first_response_median_hours: 2, resolution_median_hours: 6.5, resolution_p90_hours: 10.1 });
  });

  it('groups by category and by week on request', async () => {
    const byCategory = (await runGovmail(['metrics', ...march, '--agency', 'SYT', '--by', 'category', '--json'], env)).json<{ category: string; received: number }[]>();
    expect(byCategory.map((c) => [c.category, c.received])).to.deep.equal([['can_bo', 2], ['y_te', 2]]);
    const byWeek = (await runGovmail(['metrics', ...march, '--agency', 'SYT', '--by', 'week', '--json'], env)).json<{ week: string; received: number }[]>();
    expect(byWeek.map((w) => [w.week, w.received])).to.deep.equal([
      ['2026-02-23', 0], ['2026-03-02', 0], ['2026-03-09', 2], ['2026-03-16', 1], ['2026-03-23', 1], ['2026-03-30', 0],
    ]);
  });

  it('fails clearly on an unknown agency or a bad date', async () => {
    const unknown = await runGovmail(['metrics', '--agency', 'NOPE', '--json'], env);
    expect(unknown.code).to.equal(1);
    expect(unknown.stderr).to.contain('no agency with code NOPE');
    expect(unknown.stdout).to.equal('');
    const bad = await runGovmail(['metrics', '--from', '2026-02-30'], env);
    expect(bad.code).to.equal(1);
    expect(bad.stderr).to.contain('not a calendar date');
  });

  it('exports one CSV row per ticket, streamed, with the same facts', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'govmail-metrics-')), 'metrics.csv');
    const run = await runGovmail(['metrics:export', '--format', 'csv', '--out', out, ...march, '--json'], env);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.json()).to.deep.equal({ file: out, format: 'csv', rows: 6 });
    const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).to.equal('ref,agency,category,received_at,due_at,first_response_at,resolved_at,first_response_hours,resolution_hours,outcome');
    expect(lines).to.have.length(7);
    const t2 = lines.find((l) => l.includes('2026-03-13T16:00'))!.split(',');
    expect(t2.slice(1)).to.deep.equal(['SYT', 'y_te', '2026-03-13T16:00:00+07:00', '2026-03-17T17:00:00+07:00',
      '2026-03-16T08:30:00+07:00', '2026-03-18T09:00:00+07:00', '2', '17.5', 'late']);
  });

  it('exports XLSX with a ticket sheet and a per-agency summary', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'govmail-metrics-')), 'metrics.xlsx');
    const run = await runGovmail(['metrics:export', '--format', 'xlsx', '--out', out, ...march, '--agency', 'SYT', '--json'], env);
    expect(run.code, run.stderr).to.equal(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.getWorksheet('tickets')!.rowCount).to.equal(5);
    const summary = book.getWorksheet('agencies')!;
    expect((summary.getRow(2).values as unknown[]).slice(1)).to.deep.equal(['SYT', 'Sở Y tế', 4, 2, 1, 2, 2, 1, 0, 2, 3.2, 16.5, 17.3]);
  });
});
