// Issue 17 item 3: the Prometheus scrape at /metrics/prom. Access by bearer token and/or address list; figures
// that describe shared state are read from the database at scrape time, so they move when a poll (here, in the
// test process, as a worker elsewhere would) ingests mail or the outbox fails a send.
import { expect } from 'chai';
import request from 'supertest';
import { forEachDb, type TestDb } from '../../support/databases.js';
import type { DovecotInstance } from '../../support/dovecot.js';
import type { SmtpCapture } from '../../support/smtp-capture.js';
import { testApp } from '../../support/web.js';
import { createMailTransport } from '../../../server/mail/transport.js';
import { flushOutbox } from '../../../server/services/outbox/index.js';
import type { ImapConfig } from '../../../server/mail/imap.js';
import { addHotline, append, DOMAIN, ingestCtx, mail, poll, SECRET_KEY, startHotlineServers } from '../ingestion/hotline-fixture.js';
import { HotlineWorker } from '../../../server/services/ingestion/index.js';
import { observePollDuration } from '../../../server/services/ops/index.js';

const TOKEN = 'prom-token-0123456789abcdef0123456789abcdef';

/** The value of one sample line (`name{labels} value`), or undefined when the scrape has no such line. */
function sample(body: string, series: string): number | undefined {
  const line = body.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

forEachDb('Prometheus metrics at /metrics/prom', (getDb) => {
  let dv: DovecotInstance;
  let smtp: SmtpCapture;
  let stp: ImapConfig;
  const db = (): TestDb => getDb();
  const app = () => testApp(db(), { ops: { metricsToken: TOKEN } });
  const scrape = async () => (await request(app()).get('/metrics/prom').set('Authorization', `Bearer ${TOKEN}`).expect(200)).text;

  before(async function () {
    this.timeout(60_000);
    ({ dv, smtp } = await startHotlineServers(db()));
    stp = await addHotline(db(), dv, 'STP');
  });
  after(async () => {
    await smtp?.stop();
    await dv?.destroy();
  });

  it('refuses a scrape with no token (401, a Bearer challenge) and with a wrong one (403), and everyone when nothing is configured', async () => {
    const none = await request(app()).get('/metrics/prom').expect(401);
    expect(none.headers['www-authenticate']).to.match(/^Bearer /);
    await request(app()).get('/metrics/prom').set('Authorization', `Bearer ${TOKEN}x`).expect(403);
    await request(app()).get('/metrics/prom').set('Authorization', `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`).expect(401);
    const off = await request(testApp(db())).get('/metrics/prom').set('Authorization', `Bearer ${TOKEN}`).expect(403);
    expect(off.body.error.id).to.equal('metrics.disabled');
  });

  it('lets an allowed address scrape without a token and refuses others; with both rules set both must pass', async () => {
    await request(testApp(db(), { ops: { metricsAllow: ['127.0.0.0/8', '::1'] } })).get('/metrics/prom').expect(200);
    const refused = await request(testApp(db(), { ops: { metricsAllow: ['10.0.0.0/8'] } })).get('/metrics/prom').expect(403);
    expect(refused.body.error.id).to.equal('metrics.address_refused');
    const both = testApp(db(), { ops: { metricsAllow: ['127.0.0.1'], metricsToken: TOKEN } });
    await request(both).get('/metrics/prom').expect(401);
    await request(both).get('/metrics/prom').set('Authorization', `Bearer ${TOKEN}`).expect(200);
  });

  it('counts ingested and quarantined mail, and the inbox by its agency code only, after a poll', async function () {
    this.timeout(60_000);
    const before = await scrape();
    expect(sample(before, 'govmail_mail_ingested_total{classification="human"}')).to.equal(undefined);
    expect(sample(before, 'govmail_mail_quarantined_total')).to.equal(0);
    // a never-polled inbox set up just now is not stale yet, and no worker holds it
    expect(sample(before, 'govmail_inbox_up{agency="STP"}')).to.equal(1);
    expect(sample(before, 'govmail_inbox_owned{agency="STP"}')).to.equal(0);
    expect(sample(before, 'govmail_inbox_last_success_age_seconds{agency="STP"}')).to.equal(-1);

    await append(stp, [mail({ to: `stp@${DOMAIN}`, from: 'congdan.prom@example.vn' }), Buffer.from('\r\n\r\n   \r\n')]);
    const counts = await poll(db());
    expect(counts.tickets).to.equal(1);
    expect(counts.quarantined).to.equal(1);

    const after = await scrape();
    expect(sample(after, 'govmail_mail_ingested_total{classification="human"}')).to.equal(1);
    expect(sample(after, 'govmail_mail_ingested_total{classification="quarantined"}')).to.equal(1);
    expect(sample(after, 'govmail_mail_quarantined_total')).to.equal(1);
    expect(sample(after, 'govmail_inbox_consecutive_failures{agency="STP"}')).to.equal(0);
    expect(sample(after, 'govmail_inbox_last_success_age_seconds{agency="STP"}')).to.be.at.least(0);
    expect(sample(after, 'govmail_outbox_depth{status="queued"}')).to.equal(1);
    // labels carry codes and statuses: no citizen's or inbox's address reaches the scraper
    expect(after).to.not.include('congdan.prom');
    expect(after).to.not.include(`stp@${DOMAIN}`);
  });

  it('shows an outbox failure (a 5xx from the SMTP server) in depth and failures', async function () {
    this.timeout(30_000);
    expect(sample(await scrape(), 'govmail_outbox_failures')).to.equal(0);
    smtp.failNext(550);
    const t = createMailTransport(smtp.url);
    try {
      expect((await flushOutbox(db(), t)).failed).to.equal(1);
    } finally {
      t.close();
    }
    const body = await scrape();
    expect(sample(body, 'govmail_outbox_failures')).to.equal(1);
    expect(sample(body, 'govmail_outbox_depth{status="failed"}')).to.equal(1);
    expect(sample(body, 'govmail_outbox_depth{status="queued"}')).to.equal(0);
  });

  it('reports open SLA breaches, job-queue lag, and HTTP latency by route pattern (not the raw path)', async () => {
    const ticket = (await db().models.Ticket.findOne({ attributes: ['id', 'ref'] }))!;
    await db().models.TicketSla.update({ breached_at: new Date() }, { where: { ticket_id: ticket.id } });
    await db().models.Job.create({ name: 'sessions.purge', payload: null, unique_key: null, status: 'queued', run_after: new Date(Date.now() - 90_000), attempts: 0, max_attempts: 1 });
    const a = app();
    await request(a).get(`/tickets/${ticket.ref}`).expect(303);
    const body = (await request(a).get('/metrics/prom').set('Authorization', `Bearer ${TOKEN}`).expect(200)).text;
    expect(sample(body, 'govmail_sla_breaches_open')).to.equal(1);
    expect(sample(body, 'govmail_job_queue_due')).to.equal(1);
    expect(sample(body, 'govmail_job_queue_lag_seconds')).to.be.at.least(90);
    expect(sample(body, 'govmail_http_request_duration_seconds_count{method="GET",route="/tickets/:ref",status="3xx"}')).to.be.at.least(1);
    expect(body).to.not.include(ticket.ref);
  });
  it('times each catch-up pass of a hotline worker in a histogram by agency code (govmail_inbox_poll_duration_seconds)', async function () {
    this.timeout(60_000);
    const count = () => scrape().then((b) => sample(b, 'govmail_inbox_poll_duration_seconds_count{agency="STP"}') ?? 0);
    const before = await count();
    await append(stp, [mail({ to: stp.user, from: 'poll-timer@example.vn', subject: 'Đo thời gian đọc hộp thư' })]);
    // a worker as `govmail worker` wires it (server/roles.ts): its onPass feeds the histogram of services/ops
    const w = new HotlineWorker(db(), { secretKey: SECRET_KEY, context: async () => ingestCtx(), owner: 'prom-timer', discoverMs: 200, leaseMs: 6_000, onPass: observePollDuration });
    w.start();
    try {
      const deadline = Date.now() + 30_000;
      while ((await count()) === before) {
        if (Date.now() > deadline) throw new Error('no catch-up pass timed within 30 s');
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await w.stop();
    }
    const body = await scrape();
    const n = sample(body, 'govmail_inbox_poll_duration_seconds_count{agency="STP"}')!;
    expect(n).to.be.greaterThan(before);
    expect(sample(body, 'govmail_inbox_poll_duration_seconds_bucket{le="+Inf",agency="STP"}')).to.equal(n);
    expect(sample(body, 'govmail_inbox_poll_duration_seconds_sum{agency="STP"}')).to.be.greaterThan(0);
    expect(await db().models.Ticket.count({ where: { citizen_address: 'poll-timer@example.vn' } }), 'the pass ingested the mail').to.equal(1);
  });
});
