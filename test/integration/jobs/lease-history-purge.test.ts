// Issue 17 leftover: inbox_lease_history gets a row per claim and is extended at every renewal, so it grows for as
// long as govmail runs. The hotline.reconcile job (every 6 hours) first deletes the stints that ended more than
// LEASE_HISTORY_RETENTION_DAYS ago, released or run out, and never one still held. Run through the job runner with
// the clock injected (buildRoot's now), on both databases.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { buildAgency } from '../../support/ticket-factory.js';
import { parseEnv } from '../../../server/config/env.js';
import { buildRoot } from '../../../server/composition.js';
import { createLogger } from '../../../server/logger.js';
import { enqueue } from '../../../server/services/queue/index.js';
import { JobRunner } from '../../../jobs/runner.js';
import { hotlineReconcileJob } from '../../../jobs/hotline.js';
import { purgeLeaseHistory } from '../../../server/services/ingestion/lease-history.js';
import type { Logger } from '../../../server/logger.js';

const DAY_MS = 86_400_000;

forEachDb('inbox lease history purge (hotline.reconcile)', (getDb) => {
  it('deletes the stints that ended before the retention, released or run out, and keeps recent and held ones', async function () {
    this.timeout(60_000);
    const db = getDb();
    const now = new Date('2026-06-01T03:00:00Z');
    const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
    const agency = await buildAgency(db, { code: 'LH1' });
    // unreachable on purpose: reconcile records its failure for the inbox and goes on; the purge comes first
    const inbox = await db.models.HotlineInbox.create({ agency_id: agency.id, address: null, imap_host: '127.0.0.1', imap_port: 1, imap_user: 'lh1@hotline.test',
      imap_secure: false, imap_folder: 'INBOX', password_enc: '', poll_interval_s: 60, mailbox_id: null, uid_validity: null, last_uid: 0,
      history_cutoff: null, lease_owner: 'w3', lease_until: new Date(now.getTime() + 60_000), last_ok_at: null, consecutive_failures: 0, last_error: null, active: true });
    const stint = (owner: string, claimed: Date, heldUntil: Date, released: Date | null) =>
      db.models.InboxLeaseHistory.create({ inbox_id: inbox.id, owner, claimed_at: claimed, held_until: heldUntil, released_at: released });
    await stint('old-released', ago(200), ago(100), ago(100));
    await stint('old-killed', ago(95), ago(91), null);
    await stint('recent-released', ago(10), ago(9), ago(9));
    await stint('released-inside-window', ago(92), ago(89), ago(89));
    await stint('w3', ago(1), new Date(now.getTime() + 60_000), null);

    const config = parseEnv({ NODE_ENV: 'test', DATABASE_URL: db.url, SECRET_KEY: 'lease-history-secret-0123456789abcdef', LEASE_HISTORY_RETENTION_DAYS: '90', LOG_LEVEL: 'silent' });
    const root = buildRoot(config, { db, log: createLogger('silent'), now: () => now });
    const runner = new JobRunner(db, await root.jobs(), root.log);
    await enqueue(db, 'hotline.reconcile', {});
    expect(await runner.runOnce()).to.equal('ran');
    await root.close();

    const left = (await db.models.InboxLeaseHistory.findAll({ order: [['id', 'ASC']], attributes: ['owner'] })).map((r) => r.owner);
    expect(left).to.deep.equal(['recent-released', 'released-inside-window', 'w3']);
    const job = await db.models.Job.findOne({ where: { name: 'hotline.reconcile' } });
    expect(job!.status).to.equal('done');
  });

  it('purges in batches by id, however many rows there are, and leaves a held stint', async () => {
    const db = getDb();
    const now = new Date('2026-06-01T03:00:00Z');
    const agency = await buildAgency(db, { code: 'LH2' });
    const inbox = await db.models.HotlineInbox.create({ agency_id: agency.id, address: null, imap_host: '127.0.0.1', imap_port: 1, imap_user: 'lh2@hotline.test',
      imap_secure: false, imap_folder: 'INBOX', password_enc: '', poll_interval_s: 60, mailbox_id: null, uid_validity: null, last_uid: 0,
      history_cutoff: null, lease_owner: null, lease_until: null, last_ok_at: null, consecutive_failures: 0, last_error: null, active: true });
    const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
    for (let i = 0; i < 7; i++) {
      await db.models.InboxLeaseHistory.create({ inbox_id: inbox.id, owner: `old-${i}`, claimed_at: ago(200), held_until: ago(199), released_at: i % 2 ? ago(199) : null });
      if (i === 3) await db.models.InboxLeaseHistory.create({ inbox_id: inbox.id, owner: 'held', claimed_at: ago(200), held_until: new Date(now.getTime() + 60_000), released_at: null });
    }
    expect(await purgeLeaseHistory(db, ago(90), 3)).to.equal(7);
    expect((await db.models.InboxLeaseHistory.findAll({ where: { inbox_id: inbox.id }, attributes: ['owner'] })).map((r) => r.owner)).to.deep.equal(['held']);
    expect(await purgeLeaseHistory(db, ago(90), 3)).to.equal(0);
  });

  it('checks the inboxes for lost mail even when the purge fails, and logs the failure under a stable event', async () => {
    const db = getDb();
    const logged: { level: string; event: unknown }[] = [];
    const record = (level: string) => (o: { event?: unknown }) => { logged.push({ level, event: o.event }); };
    const log = { info: record('info'), warn: record('warn'), error: record('error') } as unknown as Logger;
    const config = parseEnv({ NODE_ENV: 'test', DATABASE_URL: db.url, SECRET_KEY: 'lease-history-secret-0123456789abcdef', LEASE_HISTORY_RETENTION_DAYS: '90', LOG_LEVEL: 'silent' });
    const realQuery = db.sequelize.query.bind(db.sequelize);
    const inboxModel = db.models.HotlineInbox as unknown as { findAll: (...a: unknown[]) => Promise<unknown> };
    const realFindAll = inboxModel.findAll.bind(inboxModel);
    let inboxesRead = 0;
    db.sequelize.query = ((sql: unknown, ...rest: unknown[]) => {
      if (String(sql).includes('inbox_lease_history')) return Promise.reject(new Error('Lock wait timeout exceeded'));
      return (realQuery as (...a: unknown[]) => unknown)(sql, ...rest);
    }) as typeof db.sequelize.query;
    inboxModel.findAll = (...a: unknown[]) => { inboxesRead++; return realFindAll(...a); };
    try {
      await hotlineReconcileJob({ config, now: () => new Date(), ingestContext: async () => ({ alertTo: [], mailFrom: 'no-reply@hoabinh.gov.vn' }) as never,
        transport: async () => { throw new Error('no mail in this test'); } })(null, { db, log, stillOwned: () => true });
    } finally {
      db.sequelize.query = realQuery as typeof db.sequelize.query;
      inboxModel.findAll = realFindAll;
    }
    expect(logged).to.deep.include({ level: 'error', event: 'hotline.lease_history.purge_failed' });
    expect(inboxesRead, 'the reconcile read the inboxes after the failed purge').to.be.greaterThan(0);
  });
});
