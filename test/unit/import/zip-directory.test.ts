// The zip checks that run before exceljs sees a workbook (server/services/import/zip-directory.ts).
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { checkZipDirectory, checkZipInflation, readZipDirectory } from '../../../server/services/import/zip-directory.js';
import { MAX_ZIP_ENTRIES, TableReadError } from '../../../server/services/import/table-limits.js';
import { buildZip, MiB, smallEntry, xlsxBomb } from '../../support/zip-bomb.js';

function refusal(fn: () => unknown): TableReadError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TableReadError) return e;
    throw e;
  }
  throw new Error('expected a TableReadError');
}

describe('zip checks before parsing a workbook', () => {
  it('reads the directory of a workbook exceljs wrote, with sizes its parts inflate to exactly', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Danh sách').addRows([['employee_code', 'full_name'], ['NV001', 'Nguyễn Văn An']]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const names = readZipDirectory(bytes).map((e) => e.name);
    expect(names).to.include.members(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    expect(() => checkZipInflation(bytes)).not.to.throw();
  });

  it('reads sizes given in zip64 extra fields the same as plain ones', () => {
    const plain = readZipDirectory(xlsxBomb({ sheetMiB: 1 }));
    const zip64 = readZipDirectory(xlsxBomb({ sheetMiB: 1, zip64: true }));
    expect(zip64.map(({ name, size, compressedSize }) => ({ name, size, compressedSize })))
      .to.deep.equal(plain.map(({ name, size, compressedSize }) => ({ name, size, compressedSize })));
    expect(zip64.find((e) => e.name === 'xl/worksheets/sheet1.xml')!.size).to.be.above(MiB);
    expect(() => checkZipInflation(xlsxBomb({ sheetMiB: 1, zip64: true }))).not.to.throw();
  });

  it('refuses a workbook that unzips past the limit from its directory alone, naming both sizes', () => {
    const e = refusal(() => checkZipDirectory(xlsxBomb({ sheetMiB: 17 })));
    expect(e.id).to.equal('unzipped_too_large');
    expect(e.params).to.deep.equal({ size: 17, limit: 16 });
  });

  it('catches a directory that understates a part, plain or zip64', () => {
    for (const zip64 of [false, true]) {
      const liar = xlsxBomb({ sheetMiB: 40, declaredSheetMiB: 1, zip64 });
      expect(() => checkZipDirectory(liar)).not.to.throw();
      const e = refusal(() => checkZipInflation(liar));
      expect(e.id).to.equal('zip_mismatch');
      expect(e.params).to.deep.equal({ name: 'xl/worksheets/sheet1.xml' });
    }
  });

  it('refuses more parts than a workbook has, and calls a truncated or foreign file damaged', () => {
    const many = buildZip(Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, i) => smallEntry(`part${i}.xml`, '<x/>')));
    expect(refusal(() => readZipDirectory(many)).id).to.equal('zip_entries');
    const bomb = xlsxBomb({ sheetMiB: 1 });
    expect(refusal(() => readZipDirectory(bomb.subarray(0, bomb.length - 30))).id).to.equal('zip_broken');
    expect(refusal(() => readZipDirectory(Buffer.from('PK\x03\x04 not really a zip'))).id).to.equal('zip_broken');
  });
});
