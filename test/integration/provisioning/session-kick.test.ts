// Acceptance for issue #3: suspending or marking a leaver ends the mailbox's open IMAP session when a kick
// command is configured (DOVEADM_KICK), against the real test Dovecot; a failing kick never fails the suspend.
import { expect } from 'chai';
import { systemActor } from '../../../server/services/auth/actor.js';
import { ImapFlow } from 'imapflow';
import { forEachDb } from '../../support/databases.js';
import { startDovecot, type DovecotInstance } from '../../support/dovecot.js';
import { canLogin } from '../../support/imap-login.js';
import { runGovmail } from '../../support/cli.js';
import { credentialsOf, importRows, seedHoabinh } from '../../support/provisioning-fixtures.js';
import type { Credential } from '../../../server/services/provisioning/credentials-store.js';
import { markLeaver, suspendMailbox } from '../../../server/services/provisioning/mailbox-lifecycle.js';
import { sessionKickerFrom } from '../../../server/services/mailserver/session-kick.js';

const PEOPLE = ['Lò Văn Một', 'Lò Văn Hai', 'Lò Văn Ba', 'Lò Văn Bốn', 'Lò Văn Năm'].map((full_name, i) => (
  { employee_code: `SK${i + 1}`, full_name, agency_code: 'SNV', position: 'Chuyên viên' }));

interface OpenSession { client: ImapFlow; closed: Promise<void>; isClosed(): boolean }

/** A logged-in IMAP session with INBOX selected, as a mail client keeps open all day. */
async function openSession(dv: DovecotInstance, c: Credential): Promise<OpenSession> {
  const client = new ImapFlow({ host: dv.host, port: dv.imapPort, secure: false, logger: false, auth: { user: c.address, pass: c.password } });
  client.on('error', () => undefined); // the kick arrives as an error/close; the test looks at `closed`
  let closedFlag = false;
  const closed = new Promise<void>((resolve) => client.on('close', () => { closedFlag = true; resolve(); }));
  await client.connect();
  await client.mailboxOpen('INBOX');
  return { client, closed, isClosed: () => closedFlag };
}

const within = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms))]);

forEachDb('suspend and leaver end open IMAP sessions (DOVEADM_KICK)', (getDb) => {
  let dv: DovecotInstance;
  let creds: Credential[];
  let kickCommand: string;
  const kickRows = async (address: string) =>
    (await getDb().models.AuditLog.findAll({ where: { action: 'mailbox.kick', target: address }, raw: true }))
      .map((r) => (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as { ok: boolean; error?: string });

  before(async function () {
    this.timeout(60_000);
    const db = getDb();
    await seedHoabinh(db);
    creds = await credentialsOf(db, await importRows(db, PEOPLE));
    dv = await startDovecot({ db });
    kickCommand = `doveadm -c ${dv.confFile} kick`;
  });
  after(async () => {
    await dv?.destroy();
  });

  it('without a kick command an open session outlives the suspend (why the kick exists)', async () => {
    const c = creds[0]!;
    const s = await openSession(dv, c);
    const r = await suspendMailbox(getDb(), c.address, { actor: systemActor('hr@test'), sessions: { kicker: sessionKickerFrom(undefined) } });
    expect(r.sessions).to.equal('off');
    const st = await s.client.status('INBOX', { messages: true });
    expect(st && st.messages).to.equal(0);
    expect(s.isClosed()).to.equal(false);
    await s.client.logout();
  });

  it('suspend with the kicker disconnects the open session, and a new login is refused', async () => {
    const c = creds[1]!;
    const s = await openSession(dv, c);
    const r = await suspendMailbox(getDb(), c.address, { actor: systemActor('hr@test'), sessions: { kicker: sessionKickerFrom(kickCommand) } });
    expect(r).to.deep.equal({ address: c.address, sessions: 'kicked' });
    await within(s.closed, 5000, 'the session closes');
    expect(await canLogin(dv, c.address, c.password)).to.equal(false);
    expect(await kickRows(c.address)).to.deep.equal([{ ok: true }]);
  });

  it('`govmail mailbox:leave` with DOVEADM_KICK set ends the session (env → CLI → doveadm)', async () => {
    const c = creds[2]!;
    const s = await openSession(dv, c);
    const run = await runGovmail(['mailbox:leave', c.address, '--json'], { DATABASE_URL: getDb().url, DOVEADM_KICK: kickCommand });
    expect(run.code, run.stderr).to.equal(0);
    expect(run.json()).to.deep.equal({ address: c.address, ok: true, sessions: 'kicked' });
    await within(s.closed, 5000, 'the session closes');
    expect(await canLogin(dv, c.address, c.password)).to.equal(false);
  });

  it('a mailbox with no open session is suspended quietly ("No users kicked" is not a failure)', async () => {
    const c = creds[3]!;
    const r = await markLeaver(getDb(), c.address, { actor: systemActor('hr@test'), sessions: { kicker: sessionKickerFrom(kickCommand) } });
    expect(r.sessions).to.equal('none');
    expect(await kickRows(c.address)).to.deep.equal([]);
  });

  it('a failing kick is logged and audit-noted, and the suspend still holds (service and CLI)', async () => {
    const c = creds[4]!;
    const s = await openSession(dv, c);
    const warnings: string[] = [];
    const broken = sessionKickerFrom(`doveadm -c ${dv.confFile}.missing kick`);
    const r = await suspendMailbox(getDb(), c.address, {
      actor: systemActor('hr@test'), sessions: { kicker: broken, log: { info: () => undefined, warn: (d, msg) => warnings.push(`${msg} ${String(d.error)}`) } },
    });
    expect(r.sessions).to.equal('failed');
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.match(/doveadm exited \d+/);
    expect((await getDb().models.Mailbox.findOne({ where: { address: c.address }, raw: true }))!.allow_login).to.not.be.ok;
    const rows = await kickRows(c.address);
    expect(rows).to.have.length(1);
    expect(rows[0]).to.include({ ok: false }).and.to.have.property('error').that.matches(/doveadm exited/);
    expect(s.isClosed()).to.equal(false);
    await s.client.logout();

    const run = await runGovmail(['mailbox:leave', c.address, '--json'], { DATABASE_URL: getDb().url, DOVEADM_KICK: '/nonexistent/doveadm kick' });
    expect(run.code, run.stderr).to.equal(0);
    expect(run.json()).to.include({ sessions: 'failed' });
    expect(run.stderr).to.match(/warning: .*could not end open mail sessions/);
  });

  it('refuses a DOVEADM_KICK that is a URL, at start-up of the command', async () => {
    const run = await runGovmail(['mailbox:leave', creds[0]!.address, '--json'], { DATABASE_URL: getDb().url, DOVEADM_KICK: 'http://127.0.0.1:8080/doveadm/v1' });
    expect(run.code).to.not.equal(0);
    expect(run.stderr).to.contain('DOVEADM_KICK');
  });
});
