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
});
