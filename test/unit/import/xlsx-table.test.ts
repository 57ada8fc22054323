import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTable } from '../../../server/services/import/table-reader.js';
import { cellText } from '../../../server/services/import/xlsx-table.js';
import { readOrgFile } from '../../../server/services/org/org-file.js';

describe('readTable on XLSX', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'govmail-xlsx-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function writeWorkbook(name: string, fill: (sheet: ExcelJS.Worksheet) => void): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    fill(workbook.addWorksheet('Danh sách'));
    workbook.addWorksheet('Ghi chú').addRow(['ignored', 'sheet']);
    const path = join(dir, name);
    await workbook.xlsx.writeFile(path);
    return path;
  }

  it('reads the first sheet with cell values as strings and spreadsheet row numbers', async () => {
    const path = await writeWorkbook('roster.xlsx', (sheet) => {
      sheet.addRow(['Employee Code', 'Full Name', 'Started', 'Updated', 'Grade', 'Active', 'Email', 'Total']);
      sheet.addRow([
        'NV001',
        { richText: [{ text: 'Nguyễn ', font: { bold: true } }, { text: 'Văn An' }] },
        new Date(Date.UTC(2024, 0, 15)),
        new Date(Date.UTC(2024, 0, 15, 8, 30, 0)),
        3.5,
        true,
        { text: 'an.nv@stc.hoabinh.gov.vn', hyperlink: 'mailto:an.nv@stc.hoabinh.gov.vn' },
        { formula: 'E2*2', result: 7 },
      ]);
      sheet.addRow([]);
      sheet.getCell('A4').value = 'NV002';
      sheet.getCell('B4').value = 'Trần Thị Bình'.normalize('NFD');
      sheet.getRow(6).font = { italic: true }; // styled but empty trailing row
    });
    const table = await readTable(path);
    expect(table.headers).to.deep.equal(['employee_code', 'full_name', 'started', 'updated', 'grade', 'active', 'email', 'total']);
    expect(table.rows).to.have.length(2);
    expect(table.rows[0]).to.deep.equal({
      row: 2,
      values: {
        employee_code: 'NV001', full_name: 'Nguyễn Văn An', started: '2024-01-15', updated: '2024-01-15T08:30:00',
        grade: '3.5', active: 'true', email: 'an.nv@stc.hoabinh.gov.vn', total: '7',
      },
    });
    expect(table.rows[1]!.row).to.equal(4);
    expect(table.rows[1]!.values.full_name).to.equal('Trần Thị Bình'.normalize('NFC'));
    expect(table.rows[1]!.values.grade).to.equal('');
  });

  it('feeds an org chart workbook through the org-file checks with row numbers', async () => {
    const path = await writeWorkbook('org.xlsx', (sheet) => {
      sheet.addRow(['code', 'name', 'kind', 'parent_code', 'mail_domain', 'hotline_address']);
      sheet.addRow(['UBND', 'Ủy ban nhân dân tỉnh Hòa Bình', 'province', null, 'hoabinh.gov.vn', 'duongdaynong@hoabinh.gov.vn']);
      sheet.addRow(['TANLAC', 'Ủy ban nhân dân huyện Tân Lạc', 'huyện', 'UBND', 'tanlac.hoabinh.gov.vn', null]);
    });
    const { agencies, errors } = await readOrgFile(path);
    expect(agencies.map((a) => a.code)).to.deep.equal(['UBND']);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.include({ row: 3, field: 'kind' });
  });
});

describe('cellText', () => {
  it('turns formula errors, shared formulas and nested rich hyperlink text into strings', () => {
    expect(cellText({ error: '#N/A' })).to.equal('#N/A');
    expect(cellText({ formula: 'A1/0', result: { error: '#DIV/0!' } })).to.equal('#DIV/0!');
    expect(cellText({ sharedFormula: 'A1', result: 'x' })).to.equal('x');
    expect(cellText({ text: { richText: [{ text: 'a' }, { text: 'b' }] }, hyperlink: 'http://x' })).to.equal('ab');
    expect(cellText(null)).to.equal('');
  });
});
