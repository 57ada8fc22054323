// Acceptance for issue 11, build item 2, on both databases with the real Dovecot: a person imported from a
// roster (the CLI, as HR runs it) signs in to the web with the password printed on their credential sheet, is
// made to change it, and then logs in over IMAP with the new password while the old one is refused. Their
// "Hộp thư của tôi" shows the address, aliases, the quota and the use Dovecot reported after real deliveries,
// and the last mail login.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { forEachDb } from '../../support/databases.js';
import { startDovecot, type DovecotInstance } from '../../support/dovecot.js';
import { canLogin } from '../../support/imap-login.js';
import { runGovmail } from '../../support/cli.js';
import { seedHoabinh, writeRoster, TEST_ACTOR } from '../../support/provisioning-fixtures.js';
import { testApp, csrfOf, submitLogin } from '../../support/web.js';
import { addAlias } from '../../../server/services/provisioning/aliases.js';
import type { TestDb } from '../../support/databases.js';

const NEW_PASSWORD = 'Hop-thu-cua-toi-2026!';

/** The first data row of the XLSX credential list the CLI wrote: [code, name, agency, address, password]. */
async function sheetRow(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return (wb.worksheets[0]!.getRow(2).values as unknown[]).slice(1).map(String);
}

/** quota_clone writes when the mailbox is closed after a change; poll briefly for the row. */
async function reportedUse(db: TestDb, address: string, messages: number, timeoutMs = 5000): Promise<{ bytes: number; messages: number } | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await db.models.MailQuota.findByPk(address, { raw: true });
    if (row && Number(row.messages) === messages) return { bytes: Number(row.bytes), messages: Number(row.messages) };
    if (Date.now() > deadline) return row ? { bytes: Number(row.bytes), messages: Number(row.messages) } : null;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const mail = (to: string, n: number): Buffer => Buffer.from(
  `From: cong.dan@example.vn\r\nTo: ${to}\r\nSubject: Thu so ${n}\r\nMessage-ID: <quota-${n}-${Date.now()}@example.vn>\r\n\r\n${'Nội dung thư. '.repeat(200)}\r\n`);

forEachDb('a roster-imported person signs in with their official mailbox', (getDb) => {
  let dv: DovecotInstance;
  let dir: string;
  let address: string;
  let initial: string;

  before(async function () {
    this.timeout(60_000);
    const db = getDb();
    await seedHoabinh(db);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govmail-sheet-'));
    const roster = writeRoster([{ employee_code: 'SI1', full_name: 'Đinh Thị Hồng Nhung', agency_code: 'STP', position: 'Chuyên viên' }]);
    const run = await runGovmail(['roster:import', roster, '--credentials', dir, '--quota', '1', '--json'], { DATABASE_URL: db.url });
    expect(run.code, run.stderr).to.equal(0);
    [, , , address, initial] = await sheetRow(run.json<{ credential_files: { xlsx: string } }>().credential_files.xlsx) as [string, string, string, string, string];
    dv = await startDovecot({ db });
  });
  after(async () => {
    await dv?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the import made a staff account in the person\'s agency, linked to the mailbox', async () => {
    const db = getDb();
    const box = await db.models.Mailbox.findOne({ where: { address } });
    const user = await db.models.User.findOne({ where: { mailbox_id: box!.id } });
    expect(user).to.include({ username: address, role: 'staff', agency_id: box!.agency_id, active: true, must_change_password: true, display_name: 'Đinh Thị Hồng Nhung' });
  });

  it('signs in with the sheet\'s password, must change it first, and the new one is the IMAP password', async () => {
    const db = getDb();
    expect(await canLogin(dv, address, initial), 'Dovecot accepts the sheet password before the change').to.equal(true);
    const { agent, res } = await submitLogin(testApp(db), address, initial);
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/account/password');
    await agent.get('/account/mailbox').set('Accept', 'text/html').expect(303).expect('location', '/account/password');
    const form = await agent.get('/account/password').expect(200);
    await agent.post('/account/password').type('form')
      .send({ _csrf: csrfOf(form.text), current: initial, password: NEW_PASSWORD, confirm: NEW_PASSWORD }).expect(303);
    await agent.get('/account/mailbox').expect(200);

    expect(await canLogin(dv, address, NEW_PASSWORD), 'the new password opens IMAP').to.equal(true);
    expect(await canLogin(dv, address, initial), 'the sheet password is refused now').to.equal(false);
    const box = await db.models.Mailbox.findOne({ where: { address } });
    expect(box!.must_change_password).to.equal(false);
    expect((await db.models.User.findOne({ where: { username: address } }))!.must_change_password).to.equal(false);
    expect((await submitLogin(testApp(db), address, initial)).res.status, 'nor does the web take the old one').to.equal(401);
  });

  it('"Hộp thư của tôi" shows the address, aliases, quota, the use Dovecot reported, and the last mail login', async () => {
    const db = getDb();
    const domain = address.split('@')[1]!;
    await addAlias(db, { address: `vanthu.tuphap@${domain}`, goto: address, actor: TEST_ACTOR });
    for (const n of [1, 2]) await dv.deliver(address, mail(address, n));
    const use = await reportedUse(db, address, 2);
    expect(use, fs.readFileSync(dv.logFile, 'utf8').split('\n').filter((l) => /quota|dict/i.test(l)).join('\n')).to.not.equal(null);
    expect(use!.messages).to.equal(2);
    expect(use!.bytes).to.be.greaterThan(2 * 2000);

    const { agent } = await submitLogin(testApp(db), address, NEW_PASSWORD);
    const page = await agent.get('/account/mailbox').expect(200);
    expect(page.text).to.contain('Hộp thư của tôi');
    expect(page.text).to.contain(address);
    expect(page.text).to.contain(`vanthu.tuphap@${domain}`);
    expect(page.text).to.match(/data-testid="own-quota">1 MB</);
    const shown = /data-testid="own-use">([^<]*)/.exec(page.text)![1]!;
    expect(shown).to.match(/ KB trên 1 MB \(\d+(,\d)?%\) · 2 thư/);
    expect(page.text).not.to.match(/data-testid="own-mail-login">Chưa bao giờ/);
  });

  it('a staff account sees only its own page and the home: every work area answers 403', async () => {
    const { agent } = await submitLogin(testApp(getDb()), address, NEW_PASSWORD);
    const home = await agent.get('/').expect(200);
    expect(home.text).to.contain('data-testid="staff-home"');
    expect([...home.text.matchAll(/class="nav-link" href="([^"]*)"/g)].map((m) => m[1])).to.deep.equal(['/', '/account/mailbox']);
    for (const p of ['/tickets', '/hr/mailboxes', '/hr/roster', '/hr/coverage', '/admin/agencies', '/admin/hotlines', '/metrics']) {
      await agent.get(p).set('Accept', 'application/json').expect(403);
    }
  });
});
