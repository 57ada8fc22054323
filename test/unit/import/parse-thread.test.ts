// The table parse thread (server/services/import/parse-thread.ts): the same table as parsing here, refusals
// carried out with their id, and a hard cap on time and memory.
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { parseTableOffThread } from '../../../server/services/import/parse-thread.js';
import { parseTable, TableReadError } from '../../../server/services/import/table-reader.js';
import { unpackTable } from '../../../server/services/import/table-codec.js';
import { xlsxBomb } from '../../support/zip-bomb.js';

const MISBEHAVING = new URL('../../support/misbehaving-parse-worker.mjs', import.meta.url);
const utf8 = (text: string) => new TextEncoder().encode(text);
const outcome = (p: Promise<unknown>) => p.then(() => new Error('expected a refusal'), (e: unknown) => e);

describe('table parse thread', function () {
  this.timeout(120_000);

  it('gives the table parsing in this thread gives, for CSV and XLSX', async () => {
    const csv = utf8('employee_code,full_name\nNV001,Nguyễn Văn An\n\nNV002,"Trần Thị\nBình"\n');
    expect(unpackTable(await parseTableOffThread(csv, 'r.csv'))).to.deep.equal(await parseTable(csv));
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Danh sách').addRows([['employee_code', 'started'], ['NV001', new Date(Date.UTC(2024, 0, 15))]]);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    expect(unpackTable(await parseTableOffThread(xlsx, 'r.xlsx'))).to.deep.equal(await parseTable(xlsx));
  });

  it('carries a refusal out of the thread with its id, params and row', async () => {
    const e = await outcome(parseTableOffThread(utf8(`a,b\n1,2\n${'x,'.repeat(60)}\n`), 'r.csv'));
    expect(e).to.be.instanceOf(TableReadError).and.include({ id: 'too_many_columns', row: 3 });
    expect((e as TableReadError).params).to.deep.equal({ row: 3, count: 61, limit: 50 });
  });

  it('refuses a zip bomb on the calling thread, before any thread starts', async () => {
    // A thread could not even start within 1 ms: a time-out here would mean the file reached one.
    const e = await outcome(parseTableOffThread(xlsxBomb({ sheetMiB: 500 }), 'r.xlsx', { timeoutMs: 1 }));
    expect(e).to.be.instanceOf(TableReadError).and.include({ id: 'unzipped_too_large' });
  });

  it('stops a parse stuck in synchronous code at the time cap', async () => {
    const e = await outcome(parseTableOffThread(utf8('hang\n'), 'r.csv', { entry: MISBEHAVING, timeoutMs: 3_000 }));
    expect(e).to.be.instanceOf(TableReadError).and.include({ id: 'parse_timeout' });
    expect((e as TableReadError).params).to.deep.equal({ seconds: 3 });
  });

  it('ends a parse that outgrows its heap cap with a refusal, and the next file is read', async () => {
    const e = await outcome(parseTableOffThread(utf8('hog\n'), 'r.csv', { entry: MISBEHAVING, heapMb: 32 }));
    expect(e).to.be.instanceOf(TableReadError).and.include({ id: 'parse_memory' });
    expect(unpackTable(await parseTableOffThread(utf8('a\n1\n'), 'r.csv', { entry: MISBEHAVING })).rows).to.have.length(1);
  });

  it('fails with a plain error when the thread ends without an answer', async () => {
    const e = await outcome(parseTableOffThread(utf8('die\n'), 'r.csv', { entry: MISBEHAVING }));
    expect(e).to.be.instanceOf(Error).and.not.be.instanceOf(TableReadError);
    expect((e as Error).message).to.contain('exit code 7');
  });
});
