// Acceptance: a roster becomes accounts a real Dovecot accepts; re-import is a no-op; broken rows write nothing.
import { expect } from 'chai';
import { runGovmail } from '../../support/cli.js';
import { forEachDb } from '../../support/databases.js';
import { startDovecot, type DovecotInstance } from '../../support/dovecot.js';
import { canLogin, failedLogins } from '../../support/imap-login.js';
import { generateRoster } from '../../support/roster-factory.js';
import { credentialsOf, importRows, seedHoabinh, writeRoster } from '../../support/provisioning-fixtures.js';
import type { Credential } from '../../../server/services/provisioning/credentials-store.js';

const ROSTER = generateRoster(300, { agencyCodes: ['STC', 'SNV'], collisions: 20 });

forEachDb('roster import into a real Dovecot', (getDb) => {
  let dv: DovecotInstance;
  let creds: Credential[];

  before(async function () {
    this.timeout(60_000);
    await seedHoabinh(getDb());
    dv = await startDovecot({ db: getDb() });
  });
  after(async () => dv?.destroy());

  it('gives 300 people with 20 name collisions 300 unique addresses, 20 of them numbered', async function () {
    this.timeout(120_000);
    const r = await importRows(getDb(), ROSTER);
    expect(r).to.include({ created: 300, updated: 0, unchanged: 0, written: true });
    expect(r.errors).to.deep.equal([]);
    creds = await credentialsOf(getDb(), r);
    const addresses = creds.map((c) => c.address);
    expect(new Set(addresses).size).to.equal(300);
    expect(addresses.filter((a) => /\d@/.test(a))).to.have.length(20);
    expect(addresses).to.include('annv@stc.hoabinh.gov.vn');
  });

  it('every new account logs in over IMAP with its initial password', async function () {
    this.timeout(180_000);
    expect(await failedLogins(dv, creds.map((c) => ({ user: c.address, pass: c.password })), 8)).to.deep.equal([]);
  });

  it("doveadm user '*' lists every new account", async () => {
    const listed = new Set((await dv.doveadm(['user', '*'])).split('\n').map((l) => l.trim()).filter(Boolean));
    for (const c of creds) expect(listed.has(c.address), c.address).to.equal(true);
  });

  it('stores no initial password in plain text anywhere in the mail tables or the batch', async () => {
    const db = getDb();
    const dump = JSON.stringify([await db.models.Mailbox.findAll({ raw: true }), await db.models.ImportBatch.findAll({ raw: true })]);
    for (const c of creds.slice(0, 50)) expect(dump).to.not.include(c.password);
    expect((await db.models.ImportBatch.findAll({ raw: true })).every((b) => b.credentials_blob === null)).to.equal(true);
  });

  it('re-importing the same file changes nothing, and a changed row updates only that person', async () => {
    const db = getDb();
    const before = JSON.stringify(await db.models.Mailbox.findAll({ raw: true, order: [['id', 'ASC']] }));
    const again = await importRows(db, ROSTER);
    expect(again).to.include({ created: 0, updated: 0, unchanged: 300, batchId: null });
    expect(JSON.stringify(await db.models.Mailbox.findAll({ raw: true, order: [['id', 'ASC']] }))).to.equal(before);
    const changed = ROSTER.map((r, i) => (i === 5 ? { ...r, position: 'Phó Giám đốc' } : r));
    expect(await importRows(db, changed)).to.include({ created: 0, updated: 1, unchanged: 299 });
    expect((await db.models.Staff.findOne({ where: { employee_code: ROSTER[5]!.employee_code } }))!.position).to.equal('Phó Giám đốc');
  });

  it('reports a person missing from the file and disables them only with disableMissing', async () => {
    const db = getDb();
    const gone = ROSTER[7]!;
    const rest = ROSTER.filter((r) => r !== gone).map((r, i) => (i === 4 ? { ...r, position: 'Phó Giám đốc' } : r));
    const reported = await importRows(db, rest);
    expect(reported.missing).to.deep.equal([gone.employee_code]);
    expect(reported.disabled).to.equal(0);
    const address = creds.find((c) => c.employeeCode === gone.employee_code)!;
    expect(await canLogin(dv, address.address, address.password)).to.equal(true);
    const disabled = await importRows(db, rest, { disableMissing: true });
    expect(disabled).to.include({ disabled: 1 });
    expect(await canLogin(dv, address.address, address.password)).to.equal(false);
    // Leaver: mail kept and still delivered.
    expect((await db.models.Mailbox.findOne({ where: { address: address.address } }))!.active).to.be.oneOf([true, 1]);
  });

  it('with 5 broken rows the CLI exits non-zero, names each row and field, and writes 0 rows', async function () {
    this.timeout(30_000);
    const db = getDb();
    const rows = [
      ...generateRoster(6, { agencyCodes: ['SYT'], codePrefix: 'BR' }),
      { employee_code: 'BR000001', full_name: 'Trùng Mã', agency_code: 'SYT', position: 'x' }, // row 8: repeated code
      { employee_code: 'BR900002', full_name: '', agency_code: 'SYT', position: 'x' }, // row 9: empty name
      { employee_code: 'BR900003', full_name: 'Lê Văn Sai', agency_code: 'KHONGCO', position: 'x' }, // row 10: unknown agency
      { employee_code: 'BR900004', full_name: 'Lê Thị Thư', agency_code: 'SYT', position: 'x', personal_email: 'le thi@@x' }, // row 11
      { employee_code: 'BR900005', full_name: '---', agency_code: 'SYT', position: 'x' }, // row 12: no letters
    ];
    const staffBefore = await db.models.Staff.count();
    const boxesBefore = await db.models.Mailbox.count();
    const { code, stdout, stderr } = await runGovmail(['roster:import', writeRoster(rows), '--json'], { DATABASE_URL: db.url });
    expect(code).to.equal(1);
    const out = JSON.parse(stdout) as { created: number; errors: { row: number; field: string }[] };
    expect(out.errors.map((e) => [e.row, e.field])).to.deep.equal([[8, 'employee_code'], [9, 'full_name'], [10, 'agency_code'], [11, 'personal_email'], [12, 'full_name']]);
    expect(stderr).to.match(/row 10, agency_code: unknown agency "KHONGCO"/);
    expect(await db.models.Staff.count()).to.equal(staffBefore);
    expect(await db.models.Mailbox.count()).to.equal(boxesBefore);
  });

  it('with skipInvalid imports the valid rows and still reports the broken ones', async () => {
    const rows = [...generateRoster(2, { agencyCodes: ['SXD'], codePrefix: 'SK' }), { employee_code: 'SK9', full_name: 'Ai Đó', agency_code: 'NOPE', position: '' }];
    const r = await importRows(getDb(), rows, { skipInvalid: true });
    expect(r).to.include({ created: 2 });
    expect(r.errors.map((e) => e.field)).to.deep.equal(['agency_code']);
  });

  it('a dry run previews the addresses and writes nothing', async () => {
    const db = getDb();
    const n = await db.models.Staff.count();
    const r = await importRows(db, [{ employee_code: 'DRY1', full_name: 'Đặng Thị Ánh Nguyệt', agency_code: 'SYT', position: 'Bác sĩ' }], { dryRun: true });
    expect(r).to.include({ created: 1, written: false, dryRun: true });
    expect(r.preview[0]).to.include({ action: 'create', address: 'nguyetdta@syt.hoabinh.gov.vn' });
    expect(await db.models.Staff.count()).to.equal(n);
  });
});
