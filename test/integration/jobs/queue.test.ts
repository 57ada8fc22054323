import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { openDb } from '../../../server/db/index.js';
import { enqueue, claimJobs, countJobs, completeJob, failJob } from '../../../server/services/queue/queue.js';
import { JobRunner } from '../../../jobs/runner.js';
import { JobRegistry } from '../../../jobs/registry.js';
import { enqueueDueTicks } from '../../../jobs/scheduler.js';
import { createLogger } from '../../../server/logger.js';

const silent = createLogger('silent');

forEachDb('job queue', (getDb) => {
  it('two runners with separate connections given 200 jobs run each exactly once', async function () {
    this.timeout(120_000);
    const db = getDb();
    for (let i = 0; i < 200; i++) await enqueue(db, 'count', { i });
    const runs = new Map<number, number>();
    const registry = new JobRegistry().register('count', async (payload) => {
      const { i } = payload as { i: number };
      runs.set(i, (runs.get(i) ?? 0) + 1);
      await new Promise((r) => setImmediate(r));
    });
    const second = openDb(db.url);
    try {
      const a = new JobRunner(db, registry, silent, { pollMs: 20, concurrency: 2 });
      const b = new JobRunner(second, registry, silent, { pollMs: 20, concurrency: 2 });
      a.start();
      b.start();
      const deadline = Date.now() + 100_000;
      while ((await countJobs(db, 'done')) < 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      await Promise.all([a.stop(), b.stop()]);
    } finally {
      await second.close();
    }
    expect(await countJobs(db, 'done')).to.equal(200);
    expect(runs.size).to.equal(200);
    expect([...runs.values()].every((n) => n === 1)).to.equal(true);
  });

  it('a job whose worker died (lease expired) is claimed again by another worker', async () => {
    const db = getDb();
    await enqueue(db, 'orphan', {}, { uniqueKey: 'orphan-1' });
    const t0 = new Date();
    const [first] = await claimJobs(db, { names: ['orphan'], leaseMs: 1_000, now: t0 });
    expect(first).to.not.equal(undefined);
    expect(await claimJobs(db, { names: ['orphan'], now: new Date(t0.getTime() + 500) })).to.have.length(0);
    const [second] = await claimJobs(db, { names: ['orphan'], now: new Date(t0.getTime() + 2_000) });
    expect(second.id).to.equal(first.id);
    expect(second.attempts).to.equal(2);
    // the dead worker's late completion must not count: its token no longer holds the job
    expect(await completeJob(db, first)).to.equal(false);
    expect(await completeJob(db, second)).to.equal(true);
  });

  it('a failed job is retried with backoff and marked failed after its last attempt', async () => {
    const db = getDb();
    await enqueue(db, 'flaky', {}, { maxAttempts: 2 });
    const [j1] = await claimJobs(db, { names: ['flaky'] });
    expect(await failJob(db, j1, new Error('boom'))).to.equal('retry');
    expect(await claimJobs(db, { names: ['flaky'] })).to.have.length(0);
    const [j2] = await claimJobs(db, { names: ['flaky'], now: new Date(Date.now() + 60_000) });
    expect(await failJob(db, j2, new Error('boom again'))).to.equal('failed');
    const row = await db.models.Job.findByPk(j2.id);
    expect(row?.status).to.equal('failed');
    expect(row?.last_error).to.contain('boom again');
  });

  it('two schedulers ticking the same slot enqueue one job, and a unique key is enqueued once', async () => {
    const db = getDb();
    const schedules = [{ name: 'tick', everyMs: 60_000 }];
    const at = new Date('2026-11-25T03:00:10Z');
    const [x, y] = await Promise.all([enqueueDueTicks(db, schedules, at), enqueueDueTicks(db, schedules, at)]);
    expect(x + y).to.equal(1);
    expect(await enqueueDueTicks(db, schedules, new Date('2026-11-25T03:01:10Z'))).to.equal(1);
    expect(await db.models.Job.count({ where: { name: 'tick' } })).to.equal(2);
  });
});
