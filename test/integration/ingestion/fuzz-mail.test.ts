// Issue 13 item 11, the mail half: random hostile mail (test/support/fuzz-mail.ts) APPENDed to a real Dovecot
// inbox and polled through the real ingestion entry point. Every mail must end as a ticket, a follow-up on one,
// a classification (auto-reply, bounce, list, loop, spam, duplicate) or a quarantine row with a reason, and its
// raw bytes kept; a good mail sent after each batch is still ingested (the inbox never stalls) and the poll
// records no error. CI runs a fixed seed; FUZZ_SEED / FUZZ_RUNS (mails) replay a failure or run long.
import { expect } from 'chai';
import fc from 'fast-check';
import { Op } from 'sequelize';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { startDovecot, type DovecotInstance } from '../../support/dovecot.js';
import { fuzzRuns, fuzzSeed } from '../../support/fuzz.js';
import { fuzzMail, renderMail } from '../../support/fuzz-mail.js';
import { withImapMailbox, type ImapConfig } from '../../../server/mail/imap.js';
import { addHotline, append, DOMAIN, mail, poll } from './hotline-fixture.js';

const ACCOUNTED = ['human', 'auto_reply', 'bounce', 'list', 'loop', 'spam', 'duplicate', 'quarantined'];
/** Mails per poll: each run appends a batch and a good mail, polls once and checks every UID. */
const BATCH = 10;

forEachDb('issue 13 item 11: fuzzed mail', (getDb) => {
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

  it('ends every mail as a ticket, follow-up, classification or quarantine row with its raw bytes, and never stalls the inbox', async function () {
    this.timeout(0); // a long FUZZ_RUNS run takes as long as it takes; the CI default stays small
    const mails = fuzzRuns(200);
    let good = 0;
    let lastUid = 0;
    await fc.assert(fc.asyncProperty(fc.array(fuzzMail(STP), { minLength: BATCH, maxLength: BATCH }), async (batch) => {
      // Each run starts past every earlier mail with a clean error state, so a mail that stalled the inbox in one
      // run fails that run only, and fast-check's shrunk counterexample is the batch that did it.
      await db().models.HotlineInbox.update({ last_uid: lastUid, last_error: null }, { where: {} });
      const raws = batch.map(renderMail);
      const sentinel = `good-${++good}@example.vn`;
      await append(box, [...raws, mail({ to: STP, from: sentinel })]);
      // What the mail server holds (IMAP turns bare LFs into CRLF on APPEND) is what ingestion must keep.
      const held = await withImapMailbox(box, async (m) => {
        const out: { uid: number; source: Buffer }[] = [];
        for await (const f of m.fetchSources(await m.uidsAfter(lastUid))) out.push({ uid: f.uid, source: f.source });
        return out;
      });
      const uids = held.map((h) => h.uid);
      lastUid = uids.at(-1) ?? lastUid;
      expect(uids, 'Dovecot took every APPEND').to.have.length(raws.length + 1);
      await poll(db());

      const state = (await db().models.HotlineInbox.findOne())!;
      expect(state.last_error, 'the poll failed').to.equal(null);
      expect(Number(state.last_uid), 'the cursor passed every mail').to.equal(lastUid);
      const rows = await db().models.Message.findAll({ where: { uid: { [Op.in]: uids } } });
      const byUid = new Map(rows.map((r) => [Number(r.uid), r]));
      for (const [i, uid] of uids.slice(0, -1).entries()) {
        const row = byUid.get(uid);
        expect(row, `mail ${i} (UID ${uid}) has no message row`).to.not.equal(undefined);
        expect(ACCOUNTED, `mail ${i}`).to.include(row!.classification);
        if (row!.classification === 'human') expect(row!.ticket_id, `mail ${i} is human but on no ticket`).to.not.equal(null);
        if (row!.classification === 'quarantined') expect(row!.quarantine_reason, `mail ${i} quarantined without a reason`).to.be.a('string').and.not.equal('');
        const kept = await db().models.RawMessage.findByPk(row!.sha256);
        expect(kept, `mail ${i}: raw bytes not kept`).to.not.equal(null);
        expect(Buffer.compare(Buffer.from(kept!.bytes), held[i]!.source), `mail ${i}: raw bytes differ from what the server holds`).to.equal(0);
      }
      const after = byUid.get(lastUid);
      expect(after?.classification, 'the good mail after the batch').to.equal('human');
      expect(await db().models.Ticket.count({ where: { citizen_address: sentinel } }), 'the good mail after the batch opened a ticket').to.equal(1);
    }), { seed: fuzzSeed(), numRuns: Math.ceil(mails / BATCH) });
  });
});
