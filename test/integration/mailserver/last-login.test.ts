// Acceptance for issue #3: an IMAP login, recorded by Dovecot's own last_login plugin through the dict-sql
// config govmail generates, takes the account out of coverage's "never logged in" (service and CLI), on
// both databases and (MariaDB) with the mail server's own limited account.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { startDovecot, type DovecotInstance } from '../../support/dovecot.js';
import { canLogin } from '../../support/imap-login.js';
import { runGovmail } from '../../support/cli.js';
import { credentialsOf, importRows, seedHoabinh, TEST_ACTOR } from '../../support/provisioning-fixtures.js';
import type { Credential } from '../../../server/services/provisioning/credentials-store.js';
import { coverage, type Coverage } from '../../../server/services/provisioning/coverage.js';
import { listMailboxes } from '../../../server/services/provisioning/mailbox-lifecycle.js';
import { mailLoginDate } from '../../../server/services/provisioning/last-login.js';
import { transferStaff } from '../../../server/services/provisioning/transfer.js';
import type { TestDb } from '../../support/databases.js';

const PEOPLE = [
  { employee_code: 'LL1', full_name: 'Hà Văn Bình', agency_code: 'STP', position: 'Chuyên viên' },
  { employee_code: 'LL2', full_name: 'Bùi Thị Cúc', agency_code: 'STP', position: 'Chuyên viên' },
];

/** The plugin commits asynchronously after LOGIN; poll briefly for the row. */
async function mailLoginOf(db: TestDb, address: string, wantAfter = 0, timeoutMs = 5000): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await db.models.MailLogin.findByPk(address, { raw: true });
    if (row && Number(row.last_login_unix) > wantAfter) return Number(row.last_login_unix);
    if (Date.now() > deadline) return row ? Number(row.last_login_unix) : null;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const stp = (c: Coverage) => c.agencies.find((a) => a.agency === 'STP')!;

forEachDb('mail logins count in coverage (Dovecot last_login → dict-sql → mail_logins)', (getDb) => {
  let dv: DovecotInstance;
  let creds: Credential[];

  before(async function () {
    this.timeout(60_000);
    const db = getDb();
    await seedHoabinh(db);
    creds = await credentialsOf(db, await importRows(db, PEOPLE));
    dv = await startDovecot({ db });
  });
  after(async () => {
    await dv?.destroy();
  });

  it('before any login both accounts are "never logged in"', async () => {
    expect(stp(await coverage(getDb(), { agencyCode: 'STP' }))).to.include({ staff: 2, never_logged_in: 2 });
  });

  it('an IMAP login (address typed in upper case) writes the lower-case address and the unix time', async () => {
    const [a] = creds;
    const before = Math.floor(Date.now() / 1000);
    expect(await canLogin(dv, a!.address.toUpperCase(), a!.password)).to.equal(true);
    const at = await mailLoginOf(getDb(), a!.address);
    expect(at, fs.readFileSync(dv.logFile, 'utf8').split('\n').filter((l) => /last_login|dict/i.test(l)).join('\n')).to.be.a('number');
    expect(at!).to.be.within(before - 1, Math.ceil(Date.now() / 1000) + 1);
  });

  it('the service and `govmail coverage --json` no longer count that account as never logged in', async () => {
    expect(stp(await coverage(getDb(), { agencyCode: 'STP' }))).to.include({ staff: 2, never_logged_in: 1 });
    const run = await runGovmail(['coverage', '--agency', 'STP', '--json'], { DATABASE_URL: getDb().url });
    expect(run.code, run.stderr).to.equal(0);
    expect(stp(run.json<Coverage>())).to.include({ never_logged_in: 1 });
    expect(run.json<Coverage>().total.never_logged_in).to.equal(1);
  });

  it('the HR mailbox list shows the mail login time when there was no web login', async () => {
    const [a, b] = creds;
    const rows = await listMailboxes(getDb(), { agencyCode: 'STP' });
    const at = mailLoginDate((await getDb().models.MailLogin.findByPk(a!.address, { raw: true }))!.last_login_unix)!;
    expect(rows.find((r) => r.address === a!.address)!.last_login_at).to.equal(at.toISOString());
    expect(rows.find((r) => r.address === b!.address)!.last_login_at).to.equal(null);
  });

  it('a later web login wins over an earlier mail login, and vice versa', async () => {
    const [a] = creds;
    const web = new Date(Date.now() + 3_600_000);
    await getDb().models.Mailbox.update({ last_login_at: web }, { where: { address: a!.address } });
    expect((await listMailboxes(getDb(), { agencyCode: 'STP' })).find((r) => r.address === a!.address)!.last_login_at).to.equal(web.toISOString());
    await getDb().models.Mailbox.update({ last_login_at: new Date(0) }, { where: { address: a!.address } });
    expect((await listMailboxes(getDb(), { agencyCode: 'STP' })).find((r) => r.address === a!.address)!.last_login_at).not.to.equal(new Date(0).toISOString());
    await getDb().models.Mailbox.update({ last_login_at: null }, { where: { address: a!.address } });
  });

  it('a second login updates the same row (the dict upsert), a mail delivery is not a login', async function () {
    this.timeout(15_000);
    const [a, b] = creds;
    const first = (await mailLoginOf(getDb(), a!.address))!;
    await new Promise((r) => setTimeout(r, 1100)); // the value has one-second precision
    expect(await canLogin(dv, a!.address, a!.password)).to.equal(true);
    expect(await mailLoginOf(getDb(), a!.address, first)).to.be.greaterThan(first);
    expect(await getDb().models.MailLogin.count({ where: { address: a!.address } })).to.equal(1);

    await dv.deliver(b!.address, Buffer.from(`From: <x@example.vn>\r\nTo: <${b!.address}>\r\nSubject: hi\r\n\r\nhello\r\n`));
    expect(await mailLoginOf(getDb(), b!.address, 0, 1000)).to.equal(null);
    expect(stp(await coverage(getDb(), { agencyCode: 'STP' }))).to.include({ never_logged_in: 1 });
  });

  it('a transfer renames the mailbox and keeps its mail login (recorded under the old address)', async () => {
    const [a] = creds;
    const before = Number((await getDb().models.MailLogin.findByPk(a!.address, { raw: true }))!.last_login_unix);
    const moved = await transferStaff(getDb(), { who: 'LL1', toAgencyCode: 'SYT', actor: TEST_ACTOR });
    expect(moved.to).not.to.equal(a!.address);
    expect(await getDb().models.MailLogin.findByPk(a!.address)).to.equal(null);
    expect(Number((await getDb().models.MailLogin.findByPk(moved.to, { raw: true }))!.last_login_unix)).to.equal(before);
    const syt = (await coverage(getDb(), { agencyCode: 'SYT' })).agencies[0]!;
    expect(syt).to.include({ never_logged_in: 0 });
    expect(stp(await coverage(getDb(), { agencyCode: 'STP' }))).to.include({ staff: 1, never_logged_in: 1 });
  });

  it('`govmail mailserver:config` writes the dict map and the plugin fragment for this database', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govmail-msconf-'));
    try {
      const run = await runGovmail(['mailserver:config', '--out', dir, '--config-dir', '/etc/dovecot/govmail', '--json'], { DATABASE_URL: getDb().url });
      expect(run.code, run.stderr).to.equal(0);
      const files = run.json<Record<string, string>>();
      const dict = fs.readFileSync(files['dovecot-dict-sql.conf.ext']!, 'utf8');
      const fragment = fs.readFileSync(files['dovecot-last-login.conf']!, 'utf8');
      expect(fs.statSync(files['dovecot-dict-sql.conf.ext']!).mode & 0o777).to.equal(0o640);
      expect(dict).to.match(/^ {2}table = mail_logins$/m);
      const driver = getDb().kind === 'sqlite' ? 'sqlite' : 'mysql';
      expect(fragment).to.contain(`govmail_last_login = ${driver}:/etc/dovecot/govmail/dovecot-dict-sql.conf.ext`);
      if (getDb().kind === 'sqlite') {
        expect(dict).to.contain(`connect = ${getDb().sqliteFile}`);
      } else {
        expect(dict).to.contain(`dbname=${getDb().mysql!.database}`);
        expect(dict).to.contain(`GRANT SELECT, INSERT, UPDATE ON \`${getDb().mysql!.database}\`.\`mail_logins\``);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
