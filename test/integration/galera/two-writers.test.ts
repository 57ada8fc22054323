// Issue 17 item 5, the Galera note of scripts/deploy/README.md, tested: a two-node Galera cluster
// (scripts/start-galera.sh) with govmail writing to BOTH nodes at once, one connection pool per node. On Galera a
// row lock is local to its node: two nodes can each change the same row, and certification at COMMIT aborts one
// of them (ER_LOCK_DEADLOCK, 1213), or the replicated winner aborts the local loser first (a brute-force abort).
// Shown through the real code, counted from the database, never by timing:
// - an inbox lease (claimInboxLease) raced from both nodes has one owner; the loser is told false, never an error;
// - job claims (claimJobs, through two JobRunners, one per node) run each job once; a job whose audited write
//   loses at certification (both nodes append to the audit chain) is retried by the queue, and its side effect
//   (the audit row) is there exactly once, the chain intact on both nodes.
// Each race is repeated until the cluster counted certification conflicts (wsrep_local_cert_failures plus
// wsrep_local_bf_aborts), so the losing path was taken, not only the easy one.
//
// MariaDB only, on purpose: Galera is a MariaDB cluster; SQLite has one writer by construction.
import { expect } from 'chai';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { testDbKinds } from '../../support/databases.js';
import { startGalera, type GaleraCluster } from '../../support/galera.js';
import { setHotlineInbox } from '../../../server/services/ingestion/inbox-store.js';
import { claimInboxLease, releaseInboxLease } from '../../../server/services/ingestion/poll-inbox.js';
import { leaseStints } from '../../../server/services/ingestion/lease-history.js';
import { enqueue } from '../../../server/services/queue/index.js';
import { audit, verifyAuditChain } from '../../../server/services/audit/index.js';
import { JobRunner } from '../../../jobs/runner.js';
import { JobRegistry } from '../../../jobs/registry.js';

// Seals the inboxes' (unused) IMAP passwords; the audit chain is keyed with env()'s SECRET_KEY as everywhere.
const SECRET_KEY = 'test-secret-key-0123456789abcdef-galera';
const INBOXES = 30;
const MAX_ROUNDS = 20;
const JOBS = 60;
const WAIT_MS = 180_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A pino logger whose records the test can read (the runner logs a claim or job it lost, and goes on). */
function recordingLogger() {
  const records: { event?: string; err?: string; level: number }[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { records.push(JSON.parse(String(chunk))); done(); } });
  return { log: pino({ level: 'info' }, stream), records };
}

for (const kind of testDbKinds().filter((k) => k === 'mariadb')) {
  describe(`Galera: two nodes, a writer on each [${kind}]`, function () {
    let cluster: GaleraCluster;
    const conflicts = async () => {
      const [cert, bf] = await Promise.all([cluster.status('wsrep_local_cert_failures'), cluster.status('wsrep_local_bf_aborts')]);
      return [...cert, ...bf].reduce((a, b) => a + b, 0);
    };

    before(async function () {
      this.timeout(240_000);
      cluster = await startGalera(2);
    });
    after(async function () {
      this.timeout(60_000);
      await cluster?.stop();
    });

    it(`an inbox lease raced from both nodes has one owner, and the loser is told so without an error`, async function () {
      this.timeout(WAIT_MS);
      const [db1, db2] = cluster.dbs;
      const ids: number[] = [];
      for (let i = 0; i < INBOXES; i++) {
        const code = `G${String(i + 1).padStart(2, '0')}`;
        await db1.models.Agency.create({ code, name: `Sở ${code}`, kind: 'department', hotline_address: `${code.toLowerCase()}@hotline.test` });
        ids.push((await setHotlineInbox(db1, SECRET_KEY, { agencyCode: code, imapUrl: `imap://${code}:x@127.0.0.1:1/INBOX?tls=false`, historyCutoff: null })).id);
      }
      const before = await conflicts();
      const outcomes = { won1: 0, won2: 0, errors: [] as string[] };
      let rounds = 0;
      while (rounds < MAX_ROUNDS && (rounds < 2 || (await conflicts()) === before)) {
        rounds++;
        const races = await Promise.all(ids.map(async (id) => {
          const [a, b] = await Promise.allSettled([claimInboxLease(db1, id, 'worker-on-node1', 600_000), claimInboxLease(db2, id, 'worker-on-node2', 600_000)]);
          return { id, a, b };
        }));
        for (const { id, a, b } of races) {
          for (const r of [a, b]) if (r.status === 'rejected') outcomes.errors.push(String(r.reason));
          const won = [a, b].map((r) => r.status === 'fulfilled' && r.value === true);
          expect(won.filter(Boolean).length, `inbox ${id}, round ${rounds}: exactly one claim won`).to.equal(1);
          const owner = won[0] ? 'worker-on-node1' : 'worker-on-node2';
          if (won[0]) outcomes.won1++; else outcomes.won2++;
          // Both nodes agree on the owner (a read that waits for what is replicated), and its stint is the one open.
          for (const db of cluster.dbs) {
            await db.sequelize.query('SET SESSION wsrep_sync_wait = 1');
            const row = await db.models.HotlineInbox.findByPk(id);
            await db.sequelize.query('SET SESSION wsrep_sync_wait = 0');
            expect(row!.lease_owner, `inbox ${id} on ${db === db1 ? 'node 1' : 'node 2'}`).to.equal(owner);
          }
          await releaseInboxLease(won[0] ? db1 : db2, id, owner);
        }
      }
      // What this run saw goes in the reported title: how often each node won, how many races conflicted.
      this.test!.title += ` (${rounds} rounds × ${INBOXES} inboxes: node 1 won ${outcomes.won1}, node 2 won ${outcomes.won2}; ${(await conflicts()) - before} certification conflicts)`;
      expect(outcomes.errors, 'a lost claim is false, not an error').to.deep.equal([]);
      expect((await conflicts()) - before, 'the races did conflict at certification').to.be.greaterThan(0);
      const stints = await leaseStints(db1);
      expect(stints.filter((s) => s.released_at === null), 'every stint closed by its release').to.deep.equal([]);
      for (const id of ids) {
        const mine = stints.filter((s) => s.inbox_id === id);
        expect(mine.length, `inbox ${id}: one stint per round`).to.equal(rounds);
        for (let k = 1; k < mine.length; k++) expect(mine[k].claimed_at.getTime(), `inbox ${id}: stints never overlap`).to.be.at.least(mine[k - 1].released_at!.getTime());
      }
    });

    it(`job claims from both nodes run each of ${JOBS} audited jobs once; a write lost at certification is retried`, async function () {
      this.timeout(WAIT_MS + 30_000);
      const [db1] = cluster.dbs;
      const ran = new Map<number, number>();
      const registry = new JobRegistry().register('galera.audited', async (payload, ctx) => {
        const n = (payload as { n: number }).n;
        ran.set(n, (ran.get(n) ?? 0) + 1);
        await audit(ctx.db, { actor: 'galera-test', action: 'galera.job', target: `job:${n}` });
      });
      for (let n = 0; n < JOBS; n++) await enqueue(db1, 'galera.audited', { n }, { uniqueKey: `galera:${n}`, maxAttempts: 20 });
      const before = await conflicts();
      const logs = cluster.dbs.map(() => recordingLogger());
      const runners = cluster.dbs.map((db, i) => new JobRunner(db, registry, logs[i].log, { pollMs: 20, concurrency: 2 }));
      for (const r of runners) r.start();
      try {
        const deadline = Date.now() + WAIT_MS;
        const open = () => db1.models.Job.count({ where: { name: 'galera.audited', status: ['queued', 'running'] } });
        while ((await open()) > 0) {
          if (Date.now() > deadline) throw new Error(`timed out: ${await open()} jobs still open`);
          await sleep(200);
        }
      } finally {
        await Promise.all(runners.map((r) => r.stop()));
      }
      const jobs = await db1.models.Job.findAll({ where: { name: 'galera.audited' }, raw: true });
      expect(jobs.filter((j) => j.status !== 'done').map((j) => [j.id, j.status, j.last_error])).to.deep.equal([]);
      const rows = await db1.models.AuditLog.findAll({ where: { action: 'galera.job' }, raw: true });
      expect(rows.map((r) => r.target).sort(), 'each job\'s audit row exactly once').to.deep.equal(Array.from({ length: JOBS }, (_, n) => `job:${n}`).sort());
      for (const db of cluster.dbs) expect((await verifyAuditChain(db)).ok, 'the audit chain holds on each node').to.equal(true);
      const events = logs.flatMap((l) => l.records.map((r) => r.event)).filter(Boolean);
      const retried = jobs.filter((j) => j.attempts > 1).length;
      this.test!.title += ` (handlers run ${[...ran.values()].reduce((a, b) => a + b, 0)} times, ${retried} jobs retried, ${events.filter((e) => e === 'job.retry').length} job.retry; ${(await conflicts()) - before} certification conflicts)`;
      for (const j of jobs.filter((x) => x.attempts > 1)) expect(j.last_error ?? '', `job ${j.id} failed only at certification`).to.match(/Deadlock/i);
      expect(events.filter((e) => e === 'job.runner.error'), 'a claim lost at certification is not a runner error').to.deep.equal([]);
    });
  });
}
