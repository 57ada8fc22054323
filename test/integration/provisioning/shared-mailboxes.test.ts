// Shared and role mailboxes (issue 11, build item 3), on both databases with the real Dovecot: the CLI creates one
// with owners, govmail keeps its generated password sealed (never printed, logged or audited) and Dovecot accepts
// it; the service's rules (scope, the agency's own domain, taken addresses, owners of the agency, an ended agency);
// and `hotline:set --mailbox`: the hotline reads the mailbox with the kept password, and mail appended over IMAP
// becomes a ticket.
import { expect } from 'chai';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { startDovecot, type DovecotInstance } from '../../support/dovecot.js';
import { canLogin } from '../../support/imap-login.js';
import { runGovmail } from '../../support/cli.js';
import { refusal, seedHoabinh, TEST_ACTOR } from '../../support/provisioning-fixtures.js';
import { buildUser } from '../../support/web.js';
import { SECRET_KEY, ingestCtx, mail, append, poll } from '../ingestion/hotline-fixture.js';
import { createSharedMailbox, addMailboxOwner, removeMailboxOwner, storedMailboxLogin, listSharedMailboxes } from '../../../server/services/provisioning/shared-mailboxes.js';
import { setMailboxPassword } from '../../../server/services/provisioning/mailbox-lifecycle.js';
import { actorOf } from '../../../server/services/auth/actor.js';
import { openSecret } from '../../../server/services/crypto/secret-box.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const VANTHU = 'vanthu@stp.hoabinh.gov.vn';
const HOTLINE = 'duongdaynong@stp.hoabinh.gov.vn';

forEachDb('shared and role mailboxes', (getDb) => {
  let dv: DovecotInstance;
  const db = (): TestDb => getDb();
  const env = () => ({ DATABASE_URL: db().url, SECRET_KEY });
  const agencyId = async (code: string) => (await db().models.Agency.findOne({ where: { code } }))!.id;
  let owner: string;
  let stcUser: string;

  before(async function () {
    this.timeout(60_000);
    await seedHoabinh(db());
    owner = (await buildUser(db(), { role: 'agent', agencyId: await agencyId('STP') })).username;
    stcUser = (await buildUser(db(), { role: 'agent', agencyId: await agencyId('STC') })).username;
    dv = await startDovecot({ db: db() });
  });
  after(async () => {
    await dv?.destroy();
  });

  it('mailbox:create-shared makes a shared mailbox with its owners; Dovecot accepts the kept password, which no output or audit row holds', async () => {
    const run = await runGovmail(['mailbox:create-shared', VANTHU, '--agency', 'STP', '--owner', owner, '--name', 'Văn thư Sở Tư pháp', '--json'], env());
    expect(run.code, run.stderr).to.equal(0);
    expect(run.json()).to.deep.equal({ address: VANTHU, agency: 'STP', name: 'Văn thư Sở Tư pháp', owners: [owner], kind: 'shared' });
    const box = (await db().models.Mailbox.findOne({ where: { address: VANTHU }, raw: true }))!;
    expect(box).to.include({ kind: 'shared', staff_id: null, agency_id: await agencyId('STP'), domain: 'stp.hoabinh.gov.vn', local_part: 'vanthu' });
    expect(box.password_hash).to.match(/^\{BLF-CRYPT\}/);
    const { pass } = await storedMailboxLogin(db(), box.id, SECRET_KEY);
    expect(pass.length).to.be.at.least(16);
    expect((await db().models.MailboxSecret.findByPk(box.id, { raw: true }))!.secret_enc).not.to.contain(pass);
    expect(await canLogin(dv, VANTHU, pass), 'Dovecot takes the kept password').to.equal(true);
    expect(await canLogin(dv, VANTHU, 'not-the-password-0000'), 'and nothing else').to.equal(false);
    expect(run.stdout + run.stderr).not.to.contain(pass);
    const audits = await db().models.AuditLog.findAll({ where: { target: VANTHU }, raw: true });
    expect(audits.map((a) => a.action)).to.deep.equal(['mailbox.create_shared']);
    expect(JSON.stringify(audits)).not.to.contain(pass);
    expect(JSON.parse(audits[0]!.details!)).to.deep.include({ agency: 'STP', owners: [owner] });
    // A web account with a role is no owner of another agency's mailbox; a shared mailbox gets no web account.
    expect(await db().models.User.count({ where: { mailbox_id: box.id } })).to.equal(0);
  });

  it('keeps the agency\'s own domain, free addresses and owners of the agency, and refuses another agency\'s HR', async () => {
    const stpHr = actorOf((await buildUser(db(), { role: 'hr', agencyId: await agencyId('STP') })).user);
    const stcHr = actorOf((await buildUser(db(), { role: 'hr', agencyId: await agencyId('STC') })).user);
    const make = (over: Partial<Parameters<typeof createSharedMailbox>[1]>) =>
      createSharedMailbox(db(), { address: 'tiepdan@stp.hoabinh.gov.vn', agencyCode: 'STP', actor: stpHr, secretKey: SECRET_KEY, ...over });
    expect((await refusal(make({ actor: stcHr }))).id).to.equal('shared.agency_out_of_scope');
    expect((await refusal(make({ address: 'tiepdan@stc.hoabinh.gov.vn' }))).id).to.equal('shared.domain_not_agency');
    expect((await refusal(make({ address: VANTHU }))).id).to.equal('shared.address_taken');
    expect((await refusal(make({ address: 'Tiếp dân@stp.hoabinh.gov.vn' }))).id).to.equal('shared.address_invalid');
    expect((await refusal(make({ owners: [stcUser] }))).id).to.equal('shared.owner_other_agency');
    expect((await refusal(make({ owners: ['nobody-here'] }))).id).to.equal('shared.owner_unknown');
    const agent = actorOf((await buildUser(db(), { role: 'agent', agencyId: await agencyId('STP') })).user);
    expect((await refusal(make({ actor: agent }))).id).to.equal('mailbox.not_manager');
    expect(await db().models.Mailbox.count({ where: { address: 'tiepdan@stp.hoabinh.gov.vn' } }), 'nothing was made').to.equal(0);
    // The officer of the agency may, and sees only their agency's shared mailboxes.
    await make({ owners: [owner] });
    expect((await listSharedMailboxes(db(), stpHr)).map((b) => b.address)).to.deep.equal(['tiepdan@stp.hoabinh.gov.vn', VANTHU]);
    expect(await listSharedMailboxes(db(), stcHr)).to.deep.equal([]);
    expect((await refusal(addMailboxOwner(db(), VANTHU, owner, stcHr))).status, 'another agency\'s looks absent').to.equal(404);
  });

  it('an ended agency gets no new shared mailbox, with the reason', async () => {
    await db().models.Agency.update({ valid_to: new Date(Date.now() - 86_400_000) }, { where: { code: 'SNV' } });
    const e = await refusal(createSharedMailbox(db(), { address: 'vanthu@snv.hoabinh.gov.vn', agencyCode: 'SNV', actor: TEST_ACTOR, secretKey: SECRET_KEY }));
    expect(e.id).to.equal('agency.ended');
    expect(e.field).to.equal('agency');
    await db().models.Agency.update({ valid_to: null }, { where: { code: 'SNV' } });
  });

  it('owners are added and removed with an audit row each; the kept password is never reset by hand', async () => {
    const other = (await buildUser(db(), { role: 'supervisor', agencyId: await agencyId('STP') })).username;
    await addMailboxOwner(db(), VANTHU, other, TEST_ACTOR);
    expect((await refusal(addMailboxOwner(db(), VANTHU, other, TEST_ACTOR))).id).to.equal('shared.owner_exists');
    await removeMailboxOwner(db(), VANTHU, owner, TEST_ACTOR);
    const [view] = (await listSharedMailboxes(db(), TEST_ACTOR)).filter((b) => b.address === VANTHU);
    expect(view!.owners.map((o) => o.username)).to.deep.equal([other]);
    const actions = (await db().models.AuditLog.findAll({ where: { target: VANTHU }, order: [['id', 'ASC']], raw: true })).map((a) => [a.action, JSON.parse(a.details!).owner]);
    expect(actions.slice(1)).to.deep.equal([['mailbox.owner_add', other], ['mailbox.owner_remove', owner]]);
    expect((await refusal(setMailboxPassword(db(), VANTHU, { actor: TEST_ACTOR }))).id).to.equal('mailbox.password_kept');
    const cli = await runGovmail(['mailbox:set-password', VANTHU], env());
    expect(cli.code).to.equal(1);
    expect(cli.stderr).to.contain('kept by govmail');
  });

  it('hotline:set --mailbox reads the shared hotline mailbox with the kept password: mail appended over IMAP becomes a ticket', async () => {
    const made = await runGovmail(['mailbox:create-shared', HOTLINE, '--agency', 'STP', '--json'], env());
    expect(made.code, made.stderr).to.equal(0);
    const set = await runGovmail(['hotline:set', 'STP', '--mailbox', HOTLINE, '--server', `imap://${dv.host}:${dv.imapPort}/INBOX?tls=false`, '--allow-plain',
      '--history-before', '2000-01-01T00:00:00Z', '--test', '--json'], env());
    expect(set.code, set.stderr).to.equal(0);
    expect(set.json()).to.deep.include({ agency: 'STP', inbox: HOTLINE, mailbox: true });
    const inbox = (await db().models.HotlineInbox.findOne({ where: { agency_id: await agencyId('STP') }, raw: true }))!;
    const box = (await db().models.Mailbox.findOne({ where: { address: HOTLINE }, raw: true }))!;
    expect(inbox).to.include({ mailbox_id: box.id, imap_user: HOTLINE, password_enc: '' });

    const { pass } = await storedMailboxLogin(db(), box.id, SECRET_KEY);
    await append({ host: dv.host, port: dv.imapPort, secure: false, user: HOTLINE, pass, folder: 'INBOX' },
      [mail({ to: HOTLINE, subject: 'Phản ánh đèn đường hỏng', body: 'Đèn đường trên phố Cù Chính Lan hỏng ba ngày nay.' })]);
    const counts = await poll(db(), ingestCtx({ ownAddresses: [HOTLINE] }), 'STP');
    expect(counts).to.include({ fetched: 1, tickets: 1 });
    const ticket = (await db().models.Ticket.findOne({ where: { agency_id: await agencyId('STP') }, raw: true }))!;
    expect(ticket.subject).to.equal('Phản ánh đèn đường hỏng');
    expect((await listSharedMailboxes(db(), TEST_ACTOR)).find((b) => b.address === HOTLINE)!.hotline).to.equal(true);
  });

  it('hotline:set refuses a mailbox of another agency, and wants exactly one of --imap and --mailbox', async () => {
    const server = `imap://${dv.host}:${dv.imapPort}/INBOX?tls=false`;
    const other = await runGovmail(['hotline:set', 'STC', '--mailbox', VANTHU, '--server', server, '--allow-plain'], env());
    expect(other.code).to.equal(1);
    expect(other.stderr).to.contain(`${VANTHU} is not a mailbox of STC`);
    const neither = await runGovmail(['hotline:set', 'STC'], env());
    expect(neither.code).to.equal(1);
    expect(neither.stderr).to.contain('exactly one of --imap URL or --mailbox ADDRESS');
  });

  it('issue 13 item 3: hotline:set takes plain IMAP only when asked (--allow-plain, or tls=false written in the URL) and only to a loopback host', async () => {
    const remote = await runGovmail(['hotline:set', 'STC', '--imap', 'imap://u:secret-9@imap.example.org:143/INBOX?tls=false', '--allow-plain'], env());
    expect(remote.code).to.equal(1);
    expect(remote.stderr).to.contain('plain IMAP only to a loopback host');
    // imap:// without tls=false is plain too, but nobody asked for it.
    const unasked = await runGovmail(['hotline:set', 'STC', '--imap', `imap://u:secret-9@${dv.host}:${dv.imapPort}/INBOX`], env());
    expect(unasked.code).to.equal(1);
    expect(unasked.stderr).to.contain('must be allowed explicitly');
    expect(await db().models.HotlineInbox.count({ where: { agency_id: await agencyId('STC') } })).to.equal(0);
  });

  it('issue 13 item 10 (hotline:set password): the password comes from a file or stdin; the contract\'s URL form still works, with a warning', async () => {
    const url = `imap://stc-hotline@${dv.host}:${dv.imapPort}/INBOX?tls=false`;
    const stored = async () => (await db().models.HotlineInbox.findOne({ where: { agency_id: await agencyId('STC') }, raw: true }));
    // DESIGN.md §6: `hotline:set CODE --imap imap://user:pass@127.0.0.1:1143/INBOX?tls=false`, no other flag.
    const inUrl = await runGovmail(['hotline:set', 'STC', '--imap', `imap://stc-hotline:Pass-In-Argv-5@${dv.host}:${dv.imapPort}/INBOX?tls=false`], env());
    expect(inUrl.code, inUrl.stderr).to.equal(0);
    expect(inUrl.stderr).to.contain('prefer --password-file FILE or --password-stdin');
    expect(openSecret((await stored())!.password_enc, SECRET_KEY)).to.equal('Pass-In-Argv-5');
    const twice = await runGovmail(['hotline:set', 'STC', '--imap', `imap://stc-hotline:Pass-In-Argv-5@${dv.host}:${dv.imapPort}/INBOX?tls=false`, '--password-stdin'], env(), 'Other-8\n');
    expect(twice.code).to.equal(1);
    expect(twice.stderr).to.contain('give the password once');
    const neither = await runGovmail(['hotline:set', 'STC', '--imap', url, '--allow-plain'], env());
    expect(neither.code).to.equal(1);
    expect(neither.stderr).to.contain('give the password once');

    const viaStdin = await runGovmail(['hotline:set', 'STC', '--imap', url, '--allow-plain', '--password-stdin'], env(), 'Pass-From-Stdin-6\n');
    expect(viaStdin.code, viaStdin.stderr).to.equal(0);
    expect(openSecret((await stored())!.password_enc, SECRET_KEY)).to.equal('Pass-From-Stdin-6');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'govmail-pw-')), 'imap-password');
    writeFileSync(file, 'Pass-From-File-7\n', { mode: 0o600 });
    const viaFile = await runGovmail(['hotline:set', 'STC', '--imap', url, '--allow-plain', '--password-file', file], env());
    expect(viaFile.code, viaFile.stderr).to.equal(0);
    expect(openSecret((await stored())!.password_enc, SECRET_KEY)).to.equal('Pass-From-File-7');
  });
});
