// Issue 17 item 3: /readyz names what keeps the system from doing its work (migrations behind, no job runner, a
// stale inbox), and the watchdog job alerts the configured ALERT_ADDRESS once per condition and period, through
// the outbox and the SMTP server, however many times it runs.
import { expect } from 'chai';
import request from 'supertest';
import { emptyDb, forEachDb, testDbKinds, type TestDb } from '../../support/databases.js';
import { startSmtpCapture, type SmtpCapture } from '../../support/smtp-capture.js';
import { buildUser, testApp } from '../../support/web.js';
import { buildAgency, buildTicket } from '../../support/ticket-factory.js';
import { parseEnv } from '../../../server/config/env.js';
import { buildRoot } from '../../../server/composition.js';
import { createLogger } from '../../../server/logger.js';
import { migrateUp } from '../../../server/db/migrate.js';
import { migrations } from '../../../server/db/migrations/index.js';
import { enqueue } from '../../../server/services/queue/index.js';
import { outboxRow } from '../../../server/services/outbox/index.js';
import { runWatchdog, WATCHDOG_PERIOD_MS, watchdogConditions } from '../../../server/services/ops/watchdog.js';
import { JobRunner } from '../../../jobs/runner.js';

const ALERT = 'vanhanh@hoabinh.gov.vn';
const HOUR_MS = 3_600_000;

async function staleInbox(db: TestDb, code: string, now = new Date()) {
  const agency = await buildAgency(db, { code });
  return db.models.HotlineInbox.create({ agency_id: agency.id, address: null, imap_host: '127.0.0.1', imap_port: 1143, imap_user: `${code.toLowerCase()}@hotline.test`,
    imap_secure: false, imap_folder: 'INBOX', password_enc: '', poll_interval_s: 60, mailbox_id: null, uid_validity: null, last_uid: 0,
    history_cutoff: null, lease_owner: null, lease_until: null, last_ok_at: new Date(now.getTime() - 2 * HOUR_MS), consecutive_failures: 4, last_error: 'x', active: true });
}

for (const kind of testDbKinds()) describe(`/readyz with migrations behind [${kind}]`, () => {
  it('answers 503 naming the pending migration, until govmail migrate has run', async function () {
    this.timeout(120_000);
    const db = await emptyDb(kind);
    try {
      // all but the newest migration: a process started before `govmail migrate` applied it
      const [before, last] = migrations.slice(-2).map((m) => m.name);
      await migrateUp(db.sequelize, { to: before });
      const behind = await request(testApp(db)).get('/readyz').expect(503);
      expect(behind.body.status).to.equal('not_ready');
      expect(behind.body.checks.migrations.ok).to.equal(false);
      expect(behind.body.checks.migrations.detail).to.deep.equal(['1 pending: run govmail migrate', last]);
      expect(behind.body.checks.db).to.deep.equal({ ok: true });
      await migrateUp(db.sequelize);
      expect((await request(testApp(db)).get('/readyz').expect(200)).body.checks.migrations).to.deep.equal({ ok: true });
    } finally {
      await db.destroy();
    }
  });
});

forEachDb('readiness', (getDb) => {
  const db = (): TestDb => getDb();

  it('/readyz is ready on a sound system, /healthz only says alive', async () => {
    const res = await request(testApp(db())).get('/readyz').expect(200);
    expect(res.body).to.deep.equal({ status: 'ready', checks: { db: { ok: true }, migrations: { ok: true }, jobs: { ok: true }, inboxes: { ok: true } } });
    expect((await request(testApp(db())).get('/healthz').expect(200)).body).to.deep.equal({ status: 'ok', db: 'ok' });
  });

  it('/readyz stays 200 but says degraded, naming a stale inbox by its agency code and a job queue nobody works', async () => {
    await staleInbox(db(), 'STALE1');
    // queued ten minutes ago, the newest job there is, and still waiting: neither a scheduler nor a runner is alive
    const job = await db().models.Job.create({ name: 'sessions.purge', payload: null, unique_key: null, status: 'queued', run_after: new Date(Date.now() - 10 * 60_000), attempts: 0, max_attempts: 1 });
    await db().sequelize.query('UPDATE jobs SET created_at = :at WHERE id = :id', { replacements: { at: new Date(Date.now() - 10 * 60_000), id: job.id } });
    // one agency's inbox or a stopped worker must not take the web processes out of the load balancer
    const res = await request(testApp(db(), { ops: { inboxStaleMs: 15 * 60_000 } })).get('/readyz').expect(200);
    expect(res.body.status).to.equal('degraded');
    expect(res.body.checks.inboxes.ok).to.equal(false);
    expect(res.body.checks.inboxes.detail).to.deep.equal(['inbox STALE1: no successful poll within 15 min']);
    expect(res.body.checks.jobs.ok).to.equal(false);
    expect(res.body.checks.jobs.detail).to.have.length(2);
    expect(res.body.checks.jobs.detail[0]).to.match(/^1 due job\(s\), the oldest waiting \d+ s: no job runner/);
    expect(res.body.checks.jobs.detail[1]).to.match(/^no job queued for \d+ s: no scheduler/);
    expect(res.body.checks.migrations).to.deep.equal({ ok: true });
    // a longer stale limit makes the inbox fresh again; the queue still is not worked
    const lenient = await request(testApp(db(), { ops: { inboxStaleMs: 3 * HOUR_MS } })).get('/readyz').expect(200);
    expect(lenient.body.checks.inboxes).to.deep.equal({ ok: true });
    expect(lenient.body.status).to.equal('degraded');
    await db().models.Job.destroy({ where: { name: 'sessions.purge' } });
  });
});

// Its own database and its own stale inbox, so nothing an earlier test left behind adds an alert; and a clock fixed in
// the middle of a 6-hour period (injected through buildRoot), so the three ticks can never straddle a period boundary
// and alert twice, whenever the suite runs.
forEachDb('the watchdog', (getDb) => {
  let smtp: SmtpCapture;
  const db = (): TestDb => getDb();
  before(async () => {
    smtp = await startSmtpCapture();
  });
  after(async () => smtp?.stop());

  it('alerts each failed mail once, at the next tick, across period boundaries, and a new failure again', async () => {
    const fail = async (key: string, at: Date) => {
      const row = await db().models.Outbox.create({ ...outboxRow({ idempotencyKey: key, kind: 'reply', to: 'sai-dia-chi@example.vn', from: 'no-reply@hoabinh.gov.vn', subject: 'x', text: 'x' }), status: 'failed', last_error: '550 no such user' });
      await db().sequelize.query('UPDATE outbox SET updated_at = :at WHERE id = :id', { replacements: { at, id: row.id } });
      return row;
    };
    const boundary = Math.floor(Date.now() / WATCHDOG_PERIOD_MS) * WATCHDOG_PERIOD_MS; // a period boundary
    const at = (offsetMs: number) => new Date(boundary + offsetMs);
    const first = await fail('reply:test-failed-once', at(-HOUR_MS));
    // made before the second failure below, still being retried
    const retried = await db().models.Outbox.create({ ...outboxRow({ idempotencyKey: 'reply:test-retried', kind: 'reply', to: 'cham@example.vn', from: 'no-reply@hoabinh.gov.vn', subject: 'x', text: 'x' }), status: 'queued' });
    const keysAt = async (now: Date) => (await watchdogConditions(db(), { now, inboxStaleMs: 15 * 60_000 })).map((c) => c.key);
    expect(await keysAt(at(-HOUR_MS + 60_000))).to.include(`outbox-failed:${first.id}`);
    const failed = (await watchdogConditions(db(), { now: at(-HOUR_MS + 60_000), inboxStaleMs: 15 * 60_000 })).find((c) => c.key.startsWith('outbox-failed'))!;
    expect(failed.subject).to.match(/^\[govmail\] \d+ thư gửi đi bị lỗi \/ \d+ outgoing mail failed$/);
    expect(failed.text).to.match(/^Trong 6 giờ qua, \d+ thư gửi đi thất bại và \d+ thư không rõ đã gửi hay chưa\. .*\n\nIn the last 6 h, \d+ outgoing mail failed/s);
    expect(await keysAt(at(6 * HOUR_MS)), 'seven hours on, the same failure is old news').to.not.include(`outbox-failed:${first.id}`);

    const alertKeys = async () => (await db().models.Outbox.findAll({ where: { kind: 'alert' }, attributes: ['idempotency_key'], order: [['id', 'ASC']] }))
      .map((r) => r.idempotency_key.replace(/:[^:]*$/, ''));
    const run = (now: Date) => runWatchdog(db(), { now, inboxStaleMs: 15 * 60_000, alertTo: [ALERT], from: 'no-reply@hoabinh.gov.vn' });
    // every 5 minutes from 55 minutes before a boundary to 5 hours after: before, the failure alerts at once; after
    // the boundary (a new 6-hour slot) it must not alert again
    for (let t = -55; t <= 300; t += 5) await run(at(t * 60_000));
    expect(await alertKeys()).to.deep.equal([`alert:watchdog:outbox-failed:${first.id}`]);
    // a newer failure alerts at the next tick, once
    const second = await fail('reply:test-failed-twice', at(5 * HOUR_MS + 2 * 60_000));
    for (let t = 305; t <= 330; t += 5) await run(at(t * 60_000));
    expect(await alertKeys()).to.deep.equal([`alert:watchdog:outbox-failed:${first.id}`, `alert:watchdog:outbox-failed:${second.id}`]);
    // a mail made before the second but failing after it (retried for hours) is news too
    await retried.update({ status: 'unknown' });
    await db().sequelize.query('UPDATE outbox SET updated_at = :at WHERE id = :id', { replacements: { at: at(5 * HOUR_MS + 32 * 60_000), id: retried.id } });
    for (let t = 335; t <= 345; t += 5) await run(at(t * 60_000));
    expect(await alertKeys()).to.deep.equal([`alert:watchdog:outbox-failed:${first.id}`, `alert:watchdog:outbox-failed:${second.id}`, `alert:watchdog:outbox-failed:${retried.id}`]);
    await db().models.Outbox.destroy({ where: { id: [first.id, second.id, retried.id] } });
    await db().models.Outbox.destroy({ where: { kind: 'alert' } });
  });

  it('alerts ALERT_ADDRESS once per condition (unowned and stale inbox, failed mail, a reminder that reached nobody), however often it runs', async function () {
    this.timeout(60_000);
    const now = new Date(Math.floor(Date.now() / WATCHDOG_PERIOD_MS) * WATCHDOG_PERIOD_MS + WATCHDOG_PERIOD_MS / 2);
    const slot = Math.floor(now.getTime() / WATCHDOG_PERIOD_MS);
    await staleInbox(db(), 'STALEW', now);
    // an admin whose username is an address: ALERT_ADDRESS takes the alerts instead
    await buildUser(db(), { username: 'quantri@hoabinh.gov.vn', role: 'admin', agencyId: null });
    const agency = await buildAgency(db(), { code: 'SLA1' });
    const ticket = await buildTicket(db(), { agency_id: agency.id, received: '2026-03-02T09:00' });
    await db().models.TicketEvent.create({ ticket_id: ticket.id, kind: 'reminder_unreached', message_id: null, details: null, at: new Date(now.getTime() - HOUR_MS) });
    const failedRow = await db().models.Outbox.create({ ...outboxRow({ idempotencyKey: 'reply:test-failed', kind: 'reply', to: 'congdan@example.vn', from: 'no-reply@hoabinh.gov.vn', subject: 'x', text: 'x' }), status: 'failed', last_error: '550' });

    const config = parseEnv({ NODE_ENV: 'test', DATABASE_URL: db().url, SECRET_KEY: 'watchdog-test-secret-0123456789abcdef', SMTP_URL: smtp.url,
      MAIL_FROM: 'no-reply@hoabinh.gov.vn', ALERT_ADDRESS: ALERT, INBOX_STALE_MINUTES: '15', BASE_URL: 'https://govmail.hoabinh.gov.vn', LOG_LEVEL: 'silent' });
    const root = buildRoot(config, { db: db(), log: createLogger('silent'), now: () => now });
    const runner = new JobRunner(db(), await root.jobs(), root.log);
    const tick = async () => {
      await enqueue(db(), 'ops.watchdog', {});
      await enqueue(db(), 'outbox.flush', {});
      while ((await runner.runOnce()) === 'ran') { /* both jobs */ }
    };
    await tick();
    await tick();
    await tick();
    await root.close();

    expect(smtp.messages.every((m) => m.envelope.to.join() === ALERT)).to.equal(true);
    expect(smtp.messages).to.have.length(4);
    expect(await db().models.Outbox.count({ where: { kind: 'alert', to_address: 'quantri@hoabinh.gov.vn' } })).to.equal(0);
    const keys = (await db().models.Outbox.findAll({ where: { kind: 'alert' }, attributes: ['idempotency_key'], order: [['idempotency_key', 'ASC']] })).map((r) => r.idempotency_key);
    expect(keys).to.deep.equal([
      `alert:watchdog:inbox-stale:STALEW:${slot}:${ALERT}`, `alert:watchdog:inbox-unowned:STALEW:${slot}:${ALERT}`,
      `alert:watchdog:outbox-failed:${failedRow.id}:${ALERT}`, `alert:watchdog:sla-unreached:${slot}:${ALERT}`,
    ]);
  });
});
