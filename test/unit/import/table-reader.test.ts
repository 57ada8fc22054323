import { expect } from 'chai';
import { TableReadError, detectFormat, parseTable } from '../../../server/services/import/table-reader.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('files that are not tables (issue 15 item 3)', () => {
  const refusal = async (bytes: Uint8Array, name: string): Promise<TableReadError> => {
    try {
      await parseTable(bytes, name);
    } catch (error) {
      return error as TableReadError;
    }
    throw new Error('parsed');
  };
  it('refuses a PDF, an image and a header row with control bytes as not_table, naming the kind', async () => {
    const pdf = await refusal(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0, 1, 2, 0xff])]), 'danh-sach.csv');
    expect(pdf).to.be.instanceOf(TableReadError);
    expect([pdf.id, pdf.params]).to.deep.equal(['not_table', { name: 'danh-sach.csv', kind: 'PDF' }]);
    expect((await refusal(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), 'a.png')).params).to.include({ kind: 'PNG' });
    expect((await refusal(Buffer.from('code\u0000,name\nA,B\n'), 'x.csv')).id).to.equal('not_table');
  });
  it('still reads a file whose NUL is in a data row (that row is refused on its cell)', async () => {
    const table = await parseTable(utf8('code,name\nA,B\u0000C\n'));
    expect(table.issues.map((i) => i.id)).to.deep.equal(['table.nul']);
  });
});

describe('parseTable on CSV', () => {
  it('keys rows by normalised header and numbers them as a spreadsheet does', async () => {
    const table = await parseTable(utf8('Employee Code, Full Name \r\nNV001,  Nguyễn Văn An \r\n\r\nNV002,"Trần Thị\nBình"\r\nNV003,Lê Văn Cường\r\n,\r\n\r\n'));
    expect(table.headers).to.deep.equal(['employee_code', 'full_name']);
    expect(table.headerRow).to.equal(1);
    expect(table.rows).to.deep.equal([
      { row: 2, values: { employee_code: 'NV001', full_name: 'Nguyễn Văn An' } },
      { row: 4, values: { employee_code: 'NV002', full_name: 'Trần Thị\nBình' } },
      { row: 5, values: { employee_code: 'NV003', full_name: 'Lê Văn Cường' } },
    ]);
    expect(table.issues).to.deep.equal([]);
  });

  it('reads a tab-separated UTF-16LE file with a BOM (Excel "Unicode Text")', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('code\tname\nSTC\tSở Tài chính, tỉnh Hòa Bình\n', 'utf16le')]);
    const table = await parseTable(bytes, 'agencies.txt');
    expect(table.rows).to.deep.equal([{ row: 2, values: { code: 'STC', name: 'Sở Tài chính, tỉnh Hòa Bình' } }]);
  });

  it('reads semicolon-separated files', async () => {
    const table = await parseTable(utf8('code;name\nSYT;Sở Y tế\n'));
    expect(table.rows[0]!.values).to.deep.equal({ code: 'SYT', name: 'Sở Y tế' });
  });

  it('fills missing trailing cells with empty strings and reports values under no header', async () => {
    const table = await parseTable(utf8('a,b\n1\n2,3,4\n'));
    expect(table.rows.map((r) => r.values)).to.deep.equal([{ a: '1', b: '' }, { a: '2', b: '3' }]);
    expect(table.issues).to.deep.equal([{ row: 3, field: 'column_3', message: 'value in a column that has no header', id: 'table.no_header', params: { column: 3 } }]);
  });

  it('keeps the first of two columns with the same header and says so', async () => {
    const table = await parseTable(utf8('code,Code\nA,B\n'));
    expect(table.rows[0]!.values).to.deep.equal({ code: 'A' });
    expect(table.issues[0]).to.include({ row: 1, field: 'code' });
  });

  it('cannot be tricked into changing the prototype by a __proto__ header', async () => {
    const table = await parseTable(utf8('__proto__,x\nevil,1\n'));
    expect(Object.getPrototypeOf(table.rows[0]!.values)).to.equal(Object.prototype);
    expect(Object.keys(table.rows[0]!.values)).to.deep.equal(['__proto__', 'x']);
  });

  it('reports an unclosed quote with its row number', async () => {
    const error = await parseTable(utf8('a,b\n1,2\n"3,4\n')).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(TableReadError);
    expect((error as TableReadError).row).to.equal(3);
  });

  it('returns no headers and no rows for an empty file', async () => {
    expect(await parseTable(new Uint8Array())).to.deep.equal({ headers: [], headerRow: 0, rows: [], issues: [] });
  });
});

describe('detectFormat', () => {
  it('trusts the zip signature over the file name', () => {
    expect(detectFormat(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0]), 'roster.csv')).to.equal('xlsx');
    expect(detectFormat(utf8('a,b'), 'roster.csv')).to.equal('csv');
  });

  it('refuses legacy .xls and a .xlsx name on non-zip bytes', () => {
    expect(() => detectFormat(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0]), 'roster.xls')).to.throw(TableReadError, '.xls');
    expect(() => detectFormat(utf8('a,b'), 'roster.xlsx')).to.throw(TableReadError, 'not an Excel workbook');
  });
});
