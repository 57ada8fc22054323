// Issue 17 item 3 across processes: /metrics/prom of a web process shows what other processes counted. Two `govmail
// web` and one `govmail worker` process (real child processes, the compiled bin) on one database and a real
// Dovecot: the worker ingests mail and times its poll passes, the webs never poll; each process writes its figures
// to process_metrics (METRICS_PUBLISH_SECONDS=1 here) and a scrape adds them up. Checked by values, never by time:
// the web's scrape shows the worker's poll-pass histogram (a web-only process has none of its own) equal to the
// worker's own row, the mail it ingested and quarantined, and the other web's requests; after the worker stops,
// its figures stay, and both webs say the same. Both databases: a SQLite file shared by processes on one machine
// works as MariaDB does for this.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { freshDb, testDbKinds, type TestDb } from '../../support/databases.js';
import type { DovecotInstance } from '../../support/dovecot.js';
import type { SmtpCapture } from '../../support/smtp-capture.js';
import { compiledBin, startRoleProcess, tearDownRoles, until as untilWithin, type RoleName, type RoleProcess } from '../../support/role-process.js';
import { addHotline, append, mail, SECRET_KEY, startHotlineServers } from '../ingestion/hotline-fixture.js';
import type { ImapConfig } from '../../../server/mail/imap.js';

const TOKEN = 'prom-roles-token-0123456789abcdef0123456789';
const WAIT_MS = 90_000;
const POLL = 'govmail_inbox_poll_duration_seconds';
const until = (what: string, check: () => Promise<boolean>) => untilWithin(what, check, undefined, WAIT_MS);

/** The value of one sample line (`name{labels} value`), or undefined when the scrape has no such line. */
function sample(body: string, series: string): number | undefined {
  const line = body.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

for (const kind of testDbKinds()) {
  describe(`/metrics/prom adds up separate web and worker processes [${kind}]`, function () {
    let db: TestDb;
    let dv: DovecotInstance;
    let smtp: SmtpCapture;
    let stp: ImapConfig;
    const running: RoleProcess[] = [];
    let web1: RoleProcess;
    let web2: RoleProcess;
    let worker: RoleProcess;

    const start = async (role: RoleName) => {
      const p = await startRoleProcess(role, { DATABASE_URL: db.url, SECRET_KEY, SMTP_URL: smtp.url, MAIL_FROM: 'no-reply@hoabinh.gov.vn',
        METRICS_TOKEN: TOKEN, METRICS_PUBLISH_SECONDS: '1', RECEIPTS_PER_HOUR: '100000', NODE_ENV: 'test' });
      running.push(p);
      return p;
    };
    const scrape = async (w: RoleProcess) => {
      const res = await fetch(`${w.baseUrl}/metrics/prom`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).to.equal(200);
      return res.text();
    };
    const passes = (body: string) => sample(body, `${POLL}_count{agency="STP"}`) ?? 0;
    /** The worker's own figures, as it wrote them to process_metrics. */
    const workerRow = async () => {
      const rows = await db.sequelize.query<{ process: string; state: string }>('SELECT process, state FROM process_metrics WHERE metric = :m',
        { replacements: { m: POLL }, type: QueryTypes.SELECT });
      const mine = rows.filter((r) => r.process.includes(`:${worker.proc.pid}:`));
      expect(mine, 'one row of the worker for the poll histogram').to.have.length(1);
      const state = JSON.parse(mine[0]!.state) as { values: { metricName: string; labels: { agency: string }; value: number }[] };
      return state.values.find((v) => v.metricName === `${POLL}_count` && v.labels.agency === 'STP')?.value ?? 0;
    };

    before(async function () {
      this.timeout(300_000);
      db = await freshDb(kind);
      await compiledBin();
      ({ dv, smtp } = await startHotlineServers(db));
      stp = await addHotline(db, dv, 'STP');
      [web1, web2, worker] = await Promise.all([start('web'), start('web'), start('worker')]);
    });
    after(async function () {
      this.timeout(60_000);
      await tearDownRoles({ running, smtp, dv, db });
    });

    it('a web process\'s scrape shows the worker\'s poll passes and the mail it ingested and quarantined', async function () {
      this.timeout(WAIT_MS + 30_000);
      await append(stp, [mail({ to: stp.user, from: 'congdan.roles@example.vn', subject: 'Phản ánh qua nhiều tiến trình' }), Buffer.from('\r\n\r\n   \r\n')]);
      await until('the worker ingested both mails', async () => (await db.models.Message.count({ where: { direction: 'in' } })) === 2);
      await until('the worker\'s poll passes at the web\'s scrape', async () => passes(await scrape(web1)) > 0);
      const body = await scrape(web1);
      expect(sample(body, 'govmail_mail_ingested_total{classification="human"}')).to.equal(1);
      expect(sample(body, 'govmail_mail_quarantined_total')).to.equal(1);
      const n = passes(body);
      expect(sample(body, `${POLL}_bucket{le="+Inf",agency="STP"}`), '+Inf bucket = count').to.equal(n);
      expect(sample(body, `${POLL}_sum{agency="STP"}`)).to.be.greaterThan(0);
      expect(body).to.not.include('congdan.roles');
      // the web processes never poll: every pass counted is the worker's
      expect(await workerRow()).to.be.at.least(n);
    });

    it('adds the other web process\'s requests to this one\'s HTTP histogram', async function () {
      this.timeout(WAIT_MS + 30_000);
      for (let i = 0; i < 3; i++) expect((await fetch(`${web2.baseUrl}/healthz`)).status).to.equal(200);
      const healthz = (body: string) => sample(body, 'govmail_http_request_duration_seconds_count{method="GET",route="/healthz",status="2xx"}') ?? 0;
      // web1 itself has served no /healthz: whatever it shows for it came from web2's row
      await until('web2\'s requests at web1\'s scrape', async () => healthz(await scrape(web1)) >= 3);
      expect(healthz(await scrape(web1))).to.equal(3);
    });

    it('keeps a stopped worker\'s figures: after SIGTERM both web processes show its last passes, exactly its row', async function () {
      this.timeout(WAIT_MS + 30_000);
      const before = passes(await scrape(web1));
      expect(await worker.stop(), 'govmail worker exits 0 after SIGTERM').to.equal(0);
      const last = await workerRow();
      expect(last).to.be.at.least(before);
      const [a, b] = await Promise.all([scrape(web1), scrape(web2)]);
      expect(passes(a)).to.equal(last);
      expect(passes(b)).to.equal(last);
      expect(sample(a, `${POLL}_bucket{le="+Inf",agency="STP"}`)).to.equal(last);
    });
  });
}
