// Credential hand-out: sealed once, taken once; the PDF keeps Vietnamese names intact (rendered and extracted).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { importRows, seedHoabinh, TEST_SECRET } from '../../support/provisioning-fixtures.js';
import { takeCredentials } from '../../../server/services/provisioning/credentials-store.js';
import { writeCredentialFiles } from '../../../server/services/provisioning/credentials-files.js';

const run = promisify(execFile);
const NAMES = ['Đặng Thị Ánh Nguyệt', 'Âu Dương Phong', 'Nguyễn Văn Ước', 'Hồ Thị Lực'];

forEachDb('credential hand-out', (getDb) => {
  let dir: string;
  before(async () => {
    await seedHoabinh(getDb());
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govmail-cred-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('hands the initial passwords out once; the blob is erased and a second take is refused', async () => {
    // NFD input must come out as NFC names on the sheet.
    const rows = NAMES.map((n, i) => ({ employee_code: `CR${i}`, full_name: i === 0 ? n.normalize('NFD') : n, agency_code: 'SGDDT', position: 'Giáo viên' }));
    const r = await importRows(getDb(), rows);
    const items = await takeCredentials(getDb(), r.batchId!, { secretKey: TEST_SECRET, actor: 'hr@test' });
    expect(items.map((c) => c.fullName)).to.deep.equal(NAMES);
    const again = await takeCredentials(getDb(), r.batchId!, { secretKey: TEST_SECRET, actor: 'hr@test' }).catch((e: unknown) => e);
    expect(again).to.include({ id: 'credentials.gone', status: 410 });
    expect((await getDb().models.ImportBatch.findByPk(r.batchId!))!.credentials_blob).to.equal(null);

    const files = await writeCredentialFiles(dir, r.batchId!, items);
    expect((await run('pdfinfo', [files.pdf])).stdout).to.match(/Pages:\s+4/);
    await run('pdftoppm', ['-f', '1', '-l', '1', '-r', '60', '-png', files.pdf, path.join(dir, 'page')]);
    const png = fs.readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.png'))!;
    expect(fs.readFileSync(path.join(dir, png)).subarray(1, 4).toString()).to.equal('PNG');
    const page1 = (await run('pdftotext', ['-f', '1', '-l', '1', files.pdf, '-'])).stdout.normalize('NFC');
    expect(page1).to.include('Đặng Thị Ánh Nguyệt').and.include('nguyetdta@sgddt.hoabinh.gov.vn').and.include(items[0]!.password);
    expect(page1).to.include('Sở Giáo dục và Đào tạo');
    const all = (await run('pdftotext', [files.pdf, '-'])).stdout.normalize('NFC');
    for (const n of NAMES) expect(all).to.include(n);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(files.xlsx);
    const sheetRows = wb.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
    expect(sheetRows.map((v) => v[2])).to.deep.equal(NAMES);
    expect(sheetRows.map((v) => v[5])).to.deep.equal(items.map((c) => c.password));
  });

  it('refuses to open the passwords with another SECRET_KEY', async () => {
    const r = await importRows(getDb(), [{ employee_code: 'CRX', full_name: 'Lê Văn Khóa', agency_code: 'SGDDT', position: '' }]);
    const err = await takeCredentials(getDb(), r.batchId!, { secretKey: 'another-secret-key-0123456789abcdef0123', actor: 'hr' }).catch((e: unknown) => e);
    expect(err).to.include({ id: 'credentials.undecryptable' });
  });
});
