// `govmail metrics:report` (DESIGN.md §6 style): writes the period's report as PDF or XLSX, --json says where,
// --agency narrows to one agency, and a period that is not a month, quarter or half-year fails with one line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { forEachDb } from '../../support/databases.js';
import { runGovmail } from '../../support/cli.js';
import { seedRollupHistory } from './rollup-history.js';

forEachDb('govmail metrics:report', (getDb) => {
  let env: Record<string, string>;
  let dir: string;
  before(async () => {
    await seedRollupHistory(getDb());
    env = { DATABASE_URL: getDb().url };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govmail-report-'));
  });

  it('writes the half-year PDF of the province and prints where with --json', async () => {
    const out = path.join(dir, 'h1.pdf');
    const run = await runGovmail(['metrics:report', '--period', '2026-H1', '--format', 'pdf', '--out', out, '--json'], env);
    expect(run.code, run.stderr).to.equal(0);
    const printed = run.json<Record<string, unknown>>();
    expect(printed).to.include({ file: out, format: 'pdf', period: '2026-H1', from: '2026-01-01', to: '2026-06-30' });
    expect(printed.bytes).to.equal(fs.statSync(out).size);
    expect(fs.readFileSync(out).subarray(0, 5).toString()).to.equal('%PDF-');
  });

  it('writes one agency\'s monthly XLSX with --agency', async () => {
    const out = path.join(dir, 'snv.xlsx');
    const run = await runGovmail(['metrics:report', '--period', '2026-04', '--agency', 'SNV', '--format', 'xlsx', '--out', out], env);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.contain(out);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const rows = book.getWorksheet('Theo cơ quan')!.getSheetValues().filter(Boolean).map((r) => (r as unknown[])[1]);
    expect(rows).to.deep.equal(['Cơ quan', 'Sở Nội vụ', 'Tổng cộng']);
  });

  it('refuses a period that is not a month, quarter or half-year, and a format it does not write', async () => {
    const bad = await runGovmail(['metrics:report', '--period', '2026-Q5', '--format', 'pdf', '--out', path.join(dir, 'x.pdf')], env);
    expect(bad.code).to.equal(1);
    expect(bad.stderr).to.contain('is not a report period');
    const csv = await runGovmail(['metrics:report', '--period', '2026-05', '--format', 'csv', '--out', path.join(dir, 'x.csv')], env);
    expect(csv.code).to.equal(1);
    expect(csv.stderr).to.contain('expected pdf or xlsx');
    expect(fs.existsSync(path.join(dir, 'x.pdf'))).to.equal(false);
  });
});
