// Issue 4 acceptance, "the whole corpus": every real-world mail of the corpus is APPENDed to one hotline inbox
// and polled once. Each UID must end up accounted for (ticket, article, classified, duplicate or quarantined
// with a reason), a second poll must create nothing, and no auto-reply or bounce may earn an acknowledgement.
import { expect } from 'chai';
import { Op } from 'sequelize';
import { forEachDb, type TestDb } from '../../support/databases.js';
import { startDovecot, type DovecotInstance } from '../../support/dovecot.js';
import { corpusFile, corpusIndex, CORPUS_COMPLETE } from '../../support/corpus.js';
import { stripMboxFromLine } from '../../../server/mail/parse.js';
import { withImapMailbox, type ImapConfig } from '../../../server/mail/imap.js';
import { addHotline, append, DOMAIN, poll } from './hotline-fixture.js';

const ACCOUNTED = ['human', 'auto_reply', 'bounce', 'list', 'loop', 'spam', 'duplicate', 'quarantined'];

forEachDb('hotline ingestion of the whole corpus', (getDb) => {
  let dv: DovecotInstance;
  let box: ImapConfig;
  const db = (): TestDb => getDb();
  const entries = corpusIndex();
  /** UID → corpus file; a fresh mailbox numbers APPENDs 1, 2, 3 … in order. */
  const fileOfUid = new Map<number, { path: string; category: string }>();

  before(async function () {
    this.timeout(300_000);
    await db().models.MailDomain.create({ domain: DOMAIN, agency_id: null, active: true });
    dv = await startDovecot({ db: db() });
    box = await addHotline(db(), dv, 'STP');
    await append(box, entries.map((e) => stripMboxFromLine(corpusFile(e.path))));
    const uids = await withImapMailbox(box, (m) => m.uidsAfter(0));
    expect(uids).to.have.length(entries.length);
    uids.forEach((uid, i) => fileOfUid.set(uid, entries[i]));
  });
  after(async () => dv?.destroy());

  it(`accounts for every one of the ${CORPUS_COMPLETE ? 365 : 248} corpus files after one poll: 0 missing`, async function () {
    this.timeout(300_000);
    expect(entries).to.have.length(CORPUS_COMPLETE ? 365 : 248);
    const counts = await poll(db());
    const state = (await db().models.HotlineInbox.findOne())!;
    expect(state.last_error, 'the poll failed').to.equal(null);
    expect(counts.fetched).to.equal(entries.length);
    const rows = await db().models.Message.findAll({ attributes: ['uid', 'classification', 'quarantine_reason', 'ticket_id'] });
    const byUid = new Map(rows.map((r) => [Number(r.uid), r]));
    expect(rows).to.have.length(entries.length);
    const missing = [...fileOfUid.entries()].filter(([uid]) => !byUid.has(uid)).map(([, f]) => f.path);
    expect(missing, 'files with no message row').to.deep.equal([]);
    for (const [uid, file] of fileOfUid) {
      const row = byUid.get(uid)!;
      expect(ACCOUNTED, `${file.path}: ${row.classification}`).to.include(row.classification);
      if (row.classification === 'quarantined') expect(row.quarantine_reason, file.path).to.be.a('string').and.not.equal('');
      if (row.classification === 'human') expect(row.ticket_id, `${file.path} is human but on no ticket`).to.not.equal(null);
    }
    expect(Number(state.last_uid)).to.equal(Math.max(...fileOfUid.keys()));
  });

  it('creates nothing on a second poll', async function () {
    this.timeout(120_000);
    const before = [await db().models.Message.count(), await db().models.Ticket.count(), await db().models.Outbox.count()];
    const counts = await poll(db());
    expect(counts.fetched).to.equal(0);
    expect([await db().models.Message.count(), await db().models.Ticket.count(), await db().models.Outbox.count()]).to.deep.equal(before);
  });

  it('queues 0 acknowledgements for the auto-replies and bounces, and acknowledges only human mail', async () => {
    const acks = await db().models.Outbox.findAll({ where: { kind: 'ack' }, attributes: ['ticket_id'] });
    expect(acks.length).to.be.greaterThan(0);
    // The mail that opened each acknowledged ticket is its oldest message.
    const openers = await db().models.Message.findAll({ where: { ticket_id: { [Op.in]: acks.map((a) => a.ticket_id!) } }, order: [['id', 'ASC']] });
    const firstOf = new Map<number, (typeof openers)[number]>();
    for (const m of openers) if (!firstOf.has(m.ticket_id!)) firstOf.set(m.ticket_id!, m);
    expect(firstOf.size).to.equal(acks.length);
    for (const m of firstOf.values()) {
      const file = fileOfUid.get(Number(m.uid))!;
      expect(m.classification, `${file.path} got an acknowledgement`).to.equal('human');
      expect(['auto-reply', 'bounce'], `${file.path} (corpus: ${file.category}) got an acknowledgement`).not.to.include(file.category);
    }
    const autoUids = [...fileOfUid].filter(([, f]) => f.category === 'auto-reply' || f.category === 'bounce').map(([uid]) => uid);
    if (CORPUS_COMPLETE) expect(autoUids).to.have.length(71);
    expect(autoUids.length).to.be.greaterThan(0);
    const autoRows = await db().models.Message.findAll({ where: { uid: { [Op.in]: autoUids } } });
    expect(autoRows.filter((r) => r.classification === 'human').map((r) => fileOfUid.get(Number(r.uid))!.path)).to.deep.equal([]);
  });
});
