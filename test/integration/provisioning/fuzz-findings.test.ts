// Issue 13 item 11: what the roster fuzz test (fuzz-roster.test.ts) found, each as a plain regression test with
// the seed that found it, through the real import.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { seedHoabinh, TEST_ACTOR, TEST_SECRET } from '../../support/provisioning-fixtures.js';
import { importRosterFile } from '../../../server/services/provisioning/index.js';

forEachDb('issue 13 item 11: fuzz findings on roster rows', (getDb) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govmail-fuzz-findings-'));
  before(async () => seedHoabinh(getDb()));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('FUZZ_SEED=1311: a NUL in a cell refuses that row on its column instead of failing the whole import in SQL', async () => {
    // On SQLite the name reached the INSERT and ended its quoted literal: "unrecognized token", no row written.
    const file = path.join(dir, 'nul.csv');
    fs.writeFileSync(file, 'employee_code,full_name,agency_code,position\nNUL1,Nguyễn\u0000Văn,STC,Chuyên viên\nNUL2,Trần Thị Hoa,STC,Chuyên viên\n');
    const r = await importRosterFile(getDb(), file, { actor: TEST_ACTOR, secretKey: TEST_SECRET, skipInvalid: true });
    expect(r.errors.map((e) => [e.row, e.field, e.id])).to.deep.equal([[2, 'full_name', 'table.nul']]);
    expect(r.preview.map((p) => p.row)).to.deep.equal([3]);
    expect(r.written).to.equal(true);
    expect(await getDb().models.Mailbox.count({ where: { local_part: 'hoatt', domain: 'stc.hoabinh.gov.vn' } })).to.equal(1);
  });
});
