// Exports have no row cap: past a sheet's row limit the XLSX export goes on to "tickets 2", "tickets 3"…, each
// with its header, and the rows read back in order are the CSV export's rows. A small limit shows the split
// that 1,048,576 rows would cause.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { forEachDb } from '../../support/databases.js';
import { exportMetrics, parseBound, type MetricsQuery } from '../../../server/services/metrics/index.js';
import { AS_OF, seedMetricsDataset } from './metrics-dataset.js';

const HEADER = ['ref', 'agency', 'category', 'received_at', 'due_at', 'first_response_at', 'resolved_at', 'first_response_hours', 'resolution_hours', 'outcome'];

forEachDb('metrics export across sheets', (getDb) => {
  const march: MetricsQuery = { from: parseBound('2026-03-01', 'from'), to: parseBound('2026-03-31', 'to'), asOf: new Date(AS_OF) };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govmail-split-'));
  before(async () => {
    await seedMetricsDataset(getDb());
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function exportTo(format: 'csv' | 'xlsx', sheetRowLimit?: number) {
    const file = path.join(dir, `${format}-${sheetRowLimit ?? 'default'}.${format}`);
    const result = await exportMetrics(getDb(), march, format, fs.createWriteStream(file), { sheetRowLimit });
    return { file, result };
  }

  const csvRefs = async () => {
    const { file } = await exportTo('csv');
    return fs.readFileSync(file, 'utf8').trimEnd().split('\r\n').slice(1).map((l) => l.split(',')[0]);
  };

  it('splits six ticket rows into three sheets of two under a three-row limit, headers repeated, order kept', async () => {
    const { file, result } = await exportTo('xlsx', 3);
    expect(result).to.deep.equal({ rows: 6, sheets: 3 });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.map((w) => w.name)).to.deep.equal(['tickets', 'tickets 2', 'tickets 3', 'agencies']);
    const refs: unknown[] = [];
    for (const name of ['tickets', 'tickets 2', 'tickets 3']) {
      const sheet = book.getWorksheet(name)!;
      expect(sheet.rowCount, name).to.equal(3);
      expect((sheet.getRow(1).values as unknown[]).slice(1), name).to.deep.equal(HEADER);
      refs.push(sheet.getRow(2).getCell(1).value, sheet.getRow(3).getCell(1).value);
    }
    expect(refs).to.deep.equal(await csvRefs());
    // the summary still counts every ticket, whichever sheet it landed on
    const summary = book.getWorksheet('agencies')!;
    expect([summary.getRow(2).getCell(1).value, summary.getRow(2).getCell(3).value, summary.getRow(3).getCell(1).value, summary.getRow(3).getCell(3).value])
      .to.deep.equal(['SXD', 2, 'SYT', 4]);
  });

  it('opens no empty sheet when the rows fill the last one exactly, and keeps one sheet under the default limit', async () => {
    const exact = await exportTo('xlsx', 7);
    expect(exact.result).to.deep.equal({ rows: 6, sheets: 1 });
    const whole = await exportTo('xlsx');
    expect(whole.result).to.deep.equal({ rows: 6, sheets: 1 });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(exact.file);
    expect(book.worksheets.map((w) => w.name)).to.deep.equal(['tickets', 'agencies']);
    expect(book.getWorksheet('tickets')!.rowCount).to.equal(7);
  });

  it('refuses a sheet limit that leaves no room for a ticket under the header', async () => {
    const out = fs.createWriteStream(path.join(dir, 'bad.xlsx'));
    const err = await exportMetrics(getDb(), march, 'xlsx', out, { sheetRowLimit: 1 }).then(() => null, (e: Error) => e);
    out.destroy();
    expect(err?.message).to.contain('sheetRowLimit');
  });
});
