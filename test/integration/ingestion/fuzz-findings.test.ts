// Issue 13 item 11: what the mail fuzz test (fuzz-mail.test.ts) found, each as a plain regression test with the
// seed that found it. Through the real poll, so "the inbox never stalls" is what is checked.
import { expect } from 'chai';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { startDovecot, type DovecotInstance } from '../../support/dovecot.js';
import type { ImapConfig } from '../../../server/mail/imap.js';
import { addHotline, append, DOMAIN, mail, poll } from './hotline-fixture.js';

forEachDb('issue 13 item 11: fuzz findings on the mail path', (getDb) => {
  let dv: DovecotInstance;
  let box: ImapConfig;
  const db = (): TestDb => getDb();
  const STP = `stp@${DOMAIN}`;

  before(async function () {
    this.timeout(60_000);
    await db().models.MailDomain.create({ domain: DOMAIN, agency_id: null, active: true });
    dv = await startDovecot({ db: db() });
    box = await addHotline(db(), dv, 'STP');
  });
  after(async () => dv?.destroy());

  it('FUZZ_SEED=1311: a part with an empty Content-Type opens a ticket instead of failing every poll of the inbox', async () => {
    // mailparser gives such a part contentType false; triage called .split on it, the commit threw, the poll
    // failed and the cursor never passed the mail, so nothing after it was ingested either.
    const raw = Buffer.from(['From: empty-type@example.vn', `To: ${STP}`, 'Subject: Phản ánh', 'Message-ID: <empty-type@example.vn>', 'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain; charset=utf-8', '', 'Kính gửi Sở', '--b', 'Content-Type: ', '',
      'xyz', '--b--', ''].join('\r\n'));
    await append(box, [raw, mail({ to: STP, from: 'after-empty-type@example.vn' })]);
    await poll(db());
    const state = (await db().models.HotlineInbox.findOne())!;
    expect(state.last_error).to.equal(null);
    expect(await db().models.Ticket.count({ where: { citizen_address: 'empty-type@example.vn' } })).to.equal(1);
    expect(await db().models.Ticket.count({ where: { citizen_address: 'after-empty-type@example.vn' } })).to.equal(1);
  });

  it('FUZZ_SEED=20261202: ids that decode to control characters (a NUL) thread nothing instead of failing every poll', async () => {
    // mailparser decodes encoded words in Message-ID, In-Reply-To and References; "=?utf-8?B?AA?=" is a NUL, and
    // on SQLite the thread lookup's literal ended at it ("unrecognized token"), so the poll failed on every pass.
    const raw = Buffer.from(['From: nul-ids@example.vn', `To: ${STP}`, 'Subject: Phản ánh', 'Message-ID: =?utf-8?B?AA?=', 'In-Reply-To: =?utf-8?B?AA?=',
      'References: =?utf-8?B?AA?= <a\u0001b@example.vn>', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', 'Kính gửi Sở', ''].join('\r\n'));
    await append(box, [raw, mail({ to: STP, from: 'after-nul-ids@example.vn' })]);
    await poll(db());
    const state = (await db().models.HotlineInbox.findOne())!;
    expect(state.last_error).to.equal(null);
    expect(await db().models.Ticket.count({ where: { citizen_address: 'nul-ids@example.vn' } })).to.equal(1);
    expect(await db().models.Ticket.count({ where: { citizen_address: 'after-nul-ids@example.vn' } })).to.equal(1);
    const row = (await db().models.Message.findOne({ where: { from_address: 'nul-ids@example.vn' } }))!;
    expect([...row.message_id].filter((c) => c < ' '), 'control characters in the stored Message-ID').to.deep.equal([]);
  });
});
