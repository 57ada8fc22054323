// Issue 4 acceptance, "two workers": 50 hotline inboxes, two workers in separate processes polling at the same
// time. The inbox lease (a conditional UPDATE) gives each inbox one owner, so no message is fetched twice; a
// worker killed with kill -9 keeps its lease until it expires, and then another worker takes the inbox over.
// Runs on both databases: on SQLite the two processes share the file (WAL, busy timeout), on MariaDB a server.
import { expect } from 'chai';
import { openDb, type Db } from '../../../server/db/index.js';
import { pollInbox } from '../../../server/services/ingestion/poll-inbox.js';
import { forEachDb, type TestDb } from '../../support/databases.js';
import type { DovecotInstance } from '../../support/dovecot.js';
import { startChildWorker, type ChildWorker } from '../../support/child-worker.js';
import type { SmtpCapture } from '../../support/smtp-capture.js';
import type { ImapConfig } from '../../../server/mail/imap.js';
import { GROUP_MAX_MESSAGES } from '../../../server/services/ingestion/ingest-stream.js';
import { addHotline, append, ingestCtx, mail, SECRET_KEY, startHotlineServers } from './hotline-fixture.js';

const INBOXES = 50;
const PER_INBOX = 8;
// Commits come a group at a time: enough groups that a kill after the first one still lands mid-inbox.
const TAKEOVER_MESSAGES = 4 * GROUP_MAX_MESSAGES;
// Long enough that the survivor's first try lands inside the dead worker's lease even on a loaded machine (the kill,
// two counts and a connection can take seconds there); the test then waits the rest of it out.
const TAKEOVER_LEASE_MS = 20_000;
const DONE_TIMEOUT_MS = 240_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

forEachDb('hotline ingestion with two workers', (getDb) => {
  let dv: DovecotInstance;
  let smtp: SmtpCapture;
  const boxes: ImapConfig[] = [];
  const db = (): TestDb => getDb();
  const ctx = ingestCtx({ ackLimitPerHour: 1_000, ackLimitPerDay: 1_000 });
  const codes = Array.from({ length: INBOXES }, (_, i) => `H${String(i + 1).padStart(2, '0')}`);
  const workerEnv = (leaseMs: number) => ({ databaseUrl: db().url, smtpUrl: smtp.url, secretKey: SECRET_KEY, ctx, leaseMs, countFetches: true });
  const waitFor = async (what: string, done: () => Promise<boolean>) => {
    const deadline = Date.now() + DONE_TIMEOUT_MS;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(100);
    }
  };

  before(async function () {
    this.timeout(300_000);
    ({ dv, smtp } = await startHotlineServers(db()));
    for (const code of codes) boxes.push(await addHotline(db(), dv, code));
    await Promise.all(boxes.map((box, b) => append(box, Array.from({ length: PER_INBOX }, (_, i) =>
      mail({ to: box.user, from: `c${b}-${i}@example.vn`, messageId: `<w-${b}-${i}@citizen.example>` })))));
  });
  after(async () => {
    await smtp?.stop();
    await dv?.destroy();
  });

  it(`two worker processes over ${INBOXES} inboxes fetch each of the ${INBOXES * PER_INBOX} messages exactly once`, async function () {
    this.timeout(300_000);
    const total = INBOXES * PER_INBOX;
    // A lease far longer than any pass: this tests the claim race, not expiry.
    const workers: ChildWorker[] = await Promise.all([startChildWorker(workerEnv(120_000)), startChildWorker(workerEnv(120_000))]);
    try {
      await waitFor('all messages', async () => (await db().models.Message.count()) === total);
      await waitFor('both workers idle', async () => (await db().models.HotlineInbox.count({ where: { lease_owner: null } })) === INBOXES);
    } finally {
      await Promise.all(workers.map((w) => w.kill()));
    }
    const fetches = workers.map((w) => w.lines.filter((l) => l === 'fetch').length);
    expect(fetches[0] + fetches[1], `fetches per worker: ${fetches}`).to.equal(total);
    expect(fetches[0], 'worker 1 did part of the work').to.be.greaterThan(0);
    expect(fetches[1], 'worker 2 did part of the work').to.be.greaterThan(0);
    const rows = await db().models.Message.findAll({ attributes: ['inbox_id', 'uid', 'ticket_id'] });
    expect(new Set(rows.map((r) => `${r.inbox_id}:${r.uid}`)).size).to.equal(total);
    expect(new Set(rows.map((r) => r.ticket_id)).size).to.equal(total);
    expect(await db().models.Outbox.count({ where: { kind: 'ack' } })).to.equal(total);
  });

  it('a worker killed with kill -9 keeps its inbox until the lease expires; then another worker takes it over', async function () {
    this.timeout(300_000);
    const box = boxes[0];
    const inboxId = (await db().models.HotlineInbox.findOne({ where: { imap_user: box.user } }))!.id;
    const inInbox = () => db().models.Message.count({ where: { inbox_id: inboxId } });
    const start = await inInbox();
    await append(box, Array.from({ length: TAKEOVER_MESSAGES }, (_, i) => mail({ to: box.user, from: `t${i}@example.vn`, messageId: `<take-${i}@citizen.example>` })));
    const doomed = await startChildWorker({ ...workerEnv(TAKEOVER_LEASE_MS), workerId: 'doomed-worker' });
    await waitFor('the first group', async () => (await inInbox()) > start);
    await doomed.kill();
    const atKill = await inInbox();
    expect(atKill - start, 'the kill must land mid-inbox').to.be.below(TAKEOVER_MESSAGES);
    const held = (await db().models.HotlineInbox.findByPk(inboxId))!;
    expect(held.lease_owner).to.equal('doomed-worker');

    // The second worker on its own connection: refused while the dead worker's lease runs, owner once it ran out.
    const other: Db = openDb(db().url);
    try {
      expect(await pollInbox(other, ctx, inboxId, { secretKey: SECRET_KEY, owner: 'survivor', leaseMs: TAKEOVER_LEASE_MS })).to.equal(null);
      expect(await inInbox()).to.equal(atKill);
      await sleep(Math.max(0, held.lease_until!.getTime() - Date.now()) + 100);
      const counts = (await pollInbox(other, ctx, inboxId, { secretKey: SECRET_KEY, owner: 'survivor', leaseMs: TAKEOVER_LEASE_MS }))!;
      expect(counts.fetched).to.equal(start + TAKEOVER_MESSAGES - atKill);
    } finally {
      await other.close();
    }
    const rows = await db().models.Message.findAll({ where: { inbox_id: inboxId }, attributes: ['uid', 'ticket_id'] });
    expect(rows).to.have.length(PER_INBOX + TAKEOVER_MESSAGES);
    expect(new Set(rows.map((r) => Number(r.uid))).size).to.equal(PER_INBOX + TAKEOVER_MESSAGES);
    expect(new Set(rows.map((r) => r.ticket_id)).size).to.equal(PER_INBOX + TAKEOVER_MESSAGES);
    const after = (await db().models.HotlineInbox.findByPk(inboxId))!;
    expect([after.lease_owner, after.last_error]).to.deep.equal([null, null]);
  });
});
