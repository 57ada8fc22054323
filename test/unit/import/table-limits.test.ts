// The caps on an imported table's rows, columns and cells, at their exact edges, for CSV and XLSX.
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { parseTable, TableReadError } from '../../../server/services/import/table-reader.js';
import { MAX_CELL_CHARS, MAX_COLUMNS, MAX_CSV_RECORD_CHARS, MAX_ROWS } from '../../../server/services/import/table-limits.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

async function refusal(bytes: Uint8Array, name = ''): Promise<TableReadError> {
  const e = await parseTable(bytes, name).then(() => null, (error: unknown) => error);
  if (!(e instanceof TableReadError)) throw new Error(`expected a TableReadError, got ${String(e)}`);
  return e;
}

async function workbook(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  fill(book.addWorksheet('Danh sách'));
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('table limits', () => {
  it(`reads ${MAX_ROWS} CSV rows and refuses one more, blank or not`, async () => {
    const full = `code\n${'x\n'.repeat(MAX_ROWS - 1)}`;
    expect((await parseTable(utf8(full))).rows).to.have.length(MAX_ROWS - 1);
    for (const extra of ['y\n', '\n']) {
      const e = await refusal(utf8(full + extra));
      expect(e).to.include({ id: 'too_many_rows', row: MAX_ROWS + 1 });
      expect(e.params).to.deep.equal({ limit: MAX_ROWS });
    }
  });

  it('refuses a row wider than the column cap and a cell longer than the cell cap, naming the row', async () => {
    const wide = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`).join(',');
    expect((await parseTable(utf8(`${wide(MAX_COLUMNS)}\n`))).headers).to.have.length(MAX_COLUMNS);
    expect(await refusal(utf8(`a,b\n1,2\n${wide(MAX_COLUMNS + 1)}\n`))).to.include({ id: 'too_many_columns', row: 3 });
    expect((await parseTable(utf8(`a,b\n1,${'x'.repeat(MAX_CELL_CHARS)}\n`))).rows[0]!.values.b).to.have.length(MAX_CELL_CHARS);
    const long = await refusal(utf8(`a,b\n1,${'x'.repeat(MAX_CELL_CHARS + 1)}\n`));
    expect(long).to.include({ id: 'cell_too_long', row: 2 });
    expect(long.params).to.deep.equal({ row: 2, column: 2, limit: MAX_CELL_CHARS });
  });

  it('stops reading a CSV record past its size cap before splitting it', async () => {
    const e = await refusal(utf8(`a,b\n1,2\n${'x'.repeat(MAX_CSV_RECORD_CHARS * 2)}\n`));
    expect(e).to.include({ id: 'row_too_long', row: 3 });
  });

  it('applies the same caps to a workbook', async () => {
    const late = await workbook((sheet) => {
      sheet.getCell('A1').value = 'code';
      sheet.getCell(`A${MAX_ROWS + 1}`).value = 'NV001';
    });
    expect(await refusal(late, 'r.xlsx')).to.include({ id: 'too_many_rows', row: MAX_ROWS + 1 });
    const wide = await workbook((sheet) => sheet.addRow(Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => `c${i}`)));
    expect(await refusal(wide, 'r.xlsx')).to.include({ id: 'too_many_columns', row: 1 });
    const long = await workbook((sheet) => sheet.addRows([['a'], ['x'.repeat(MAX_CELL_CHARS + 1)]]));
    expect(await refusal(long, 'r.xlsx')).to.include({ id: 'cell_too_long', row: 2 });
  });
});
