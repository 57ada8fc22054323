// domain:migrate carries hotline inboxes and shared mailboxes along (issue 11, build item 4), on both databases
// with the real Dovecot: a hotline reading a shared mailbox (login from the store) and one with a typed login both
// log in under the new domain after the move and turn mail appended there into tickets; the shared mailbox keeps
// its kept password and owners; a second run changes nothing.
import { expect } from 'chai';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { startDovecot, type DovecotInstance } from '../../support/dovecot.js';
import { seedHoabinh, TEST_ACTOR } from '../../support/provisioning-fixtures.js';
import { buildUser } from '../../support/web.js';
import { SECRET_KEY, ingestCtx, mail, append, poll } from '../ingestion/hotline-fixture.js';
import { createSharedMailbox, storedMailboxLogin, getSharedMailbox } from '../../../server/services/provisioning/shared-mailboxes.js';
import { setHotlineInbox, setHotlineMailbox } from '../../../server/services/ingestion/inbox-store.js';
import { migrateDomain } from '../../../server/services/provisioning/domain-migration.js';

const FROM = 'hoabinh.gov.vn';
const TO = 'phutho.gov.vn';

forEachDb('domain migration carries hotlines and shared mailboxes', (getDb) => {
  let dv: DovecotInstance;
  const db = (): TestDb => getDb();
  const agencyId = async (code: string) => (await db().models.Agency.findOne({ where: { code } }))!.id;
  const inboxOf = async (code: string) => (await db().models.HotlineInbox.findOne({ where: { agency_id: await agencyId(code) }, raw: true }))!;
  let owner: string;

  before(async function () {
    this.timeout(60_000);
    await seedHoabinh(db());
    owner = (await buildUser(db(), { role: 'agent', agencyId: await agencyId('STP') })).username;
    dv = await startDovecot({ db: db() });
    const server = `imap://${dv.host}:${dv.imapPort}/INBOX?tls=false`;
    // STP reads its shared hotline mailbox from the store; STC's was typed in by hand (its own password).
    await createSharedMailbox(db(), { address: `duongdaynong@stp.${FROM}`, agencyCode: 'STP', owners: [owner], actor: TEST_ACTOR, secretKey: SECRET_KEY });
    await setHotlineMailbox(db(), { agencyCode: 'STP', mailbox: `duongdaynong@stp.${FROM}`, server, historyCutoff: null });
    const stc = await createSharedMailbox(db(), { address: `duongdaynong@stc.${FROM}`, agencyCode: 'STC', actor: TEST_ACTOR, secretKey: SECRET_KEY });
    const box = (await db().models.Mailbox.findOne({ where: { address: stc.address }, raw: true }))!;
    const { pass } = await storedMailboxLogin(db(), box.id, SECRET_KEY);
    await setHotlineInbox(db(), SECRET_KEY, { agencyCode: 'STC', imapUrl: `imap://${encodeURIComponent(stc.address)}:${pass}@${dv.host}:${dv.imapPort}/INBOX?tls=false`, historyCutoff: null });
  });
  after(async () => {
    await dv?.destroy();
  });

  it('moves the shared mailboxes and the hotlines\' logins and addresses to the new domain, with an audit row per inbox', async () => {
    const r = await migrateDomain(db(), { from: FROM, to: TO, agencyCodes: ['STP', 'STC'], actor: TEST_ACTOR });
    expect(r.hotlines).to.equal(2);
    for (const code of ['STP', 'STC']) {
      const address = `duongdaynong@${code.toLowerCase()}.${TO}`;
      const inbox = await inboxOf(code);
      expect(inbox, code).to.include({ imap_user: address, address });
      const box = (await db().models.Mailbox.findOne({ where: { address }, raw: true }))!;
      expect(box.kind).to.equal('shared');
      expect(await db().models.MailboxSecret.count({ where: { mailbox_id: box.id } })).to.equal(1);
    }
    expect((await getSharedMailbox(db(), `duongdaynong@stp.${TO}`, TEST_ACTOR)).owners.map((o) => o.username)).to.deep.equal([owner]);
    const rows = await db().models.AuditLog.findAll({ where: { action: 'hotline.domain_moved' }, raw: true });
    expect(rows.map((a) => JSON.parse(a.details!).changes.imap_user).sort((a, b) => a.to.localeCompare(b.to))).to.deep.equal([
      { from: `duongdaynong@stc.${FROM}`, to: `duongdaynong@stc.${TO}` }, { from: `duongdaynong@stp.${FROM}`, to: `duongdaynong@stp.${TO}` }]);
  });

  it('both hotlines log in under the new domain and mail appended there becomes a ticket', async () => {
    for (const code of ['STP', 'STC']) {
      const address = `duongdaynong@${code.toLowerCase()}.${TO}`;
      const box = (await db().models.Mailbox.findOne({ where: { address }, raw: true }))!;
      const { pass } = await storedMailboxLogin(db(), box.id, SECRET_KEY);
      await append({ host: dv.host, port: dv.imapPort, secure: false, user: address, pass, folder: 'INBOX' },
        [mail({ to: address, subject: `Phản ánh gửi ${code} sau sáp nhập` })]);
      const counts = await poll(db(), ingestCtx({ ownAddresses: [address] }), code);
      expect(counts, code).to.include({ fetched: 1, tickets: 1 });
      expect((await inboxOf(code)).last_error, code).to.equal(null);
    }
  });

  it('a second run changes nothing', async () => {
    const r = await migrateDomain(db(), { from: FROM, to: TO, agencyCodes: ['STP', 'STC'], actor: TEST_ACTOR });
    expect(r).to.include({ moved: 0, hotlines: 0 });
  });
});
