// WEB_PROCESSES=2: `govmail web` as a supervisor and two web processes sharing the port (server/web-cluster.ts),
// started as an operator does (the compiled bin, a real child process). Checked from the log lines and the
// database, never by timing: both web processes answer; one killed with SIGKILL is replaced and the port keeps
// answering; SIGTERM stops them all and the supervisor exits 0; each web process wrote its own request counts to
// process_metrics (the supervisor, which serves nothing, none), so /metrics/prom adds them up without counting any
// request twice.
import http from 'node:http';
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { freshDb, testDbKinds, type TestDb } from '../../support/databases.js';
import { compiledBin, removeCompiledBin, startRoleProcess, type RoleProcess } from '../../support/role-process.js';

const WAIT_MS = 120_000;
const REQUESTS = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One GET on a fresh connection (no keep-alive), so the cluster hands each request to the next web process. */
function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject);
  });
}

type Sample = { metricName?: string; labels: Record<string, string>; value: number };

/** process id → /healthz requests it counted, from every process_metrics row of the HTTP histogram. */
async function healthzCounts(db: TestDb): Promise<Map<string, number>> {
  const rows = await db.sequelize.query<{ process: string; state: string }>(
    "SELECT process, state FROM process_metrics WHERE metric = 'govmail_http_request_duration_seconds'", { type: QueryTypes.SELECT });
  return new Map(rows.map((r) => [r.process, (JSON.parse(r.state) as { values: Sample[] }).values
    .filter((v) => v.metricName?.endsWith('_count') && v.labels.route === '/healthz').reduce((a, v) => a + v.value, 0)]));
}

for (const kind of testDbKinds()) {
  describe(`web role in 2 processes (WEB_PROCESSES=2) [${kind}]`, function () {
    let db: TestDb;
    let web: RoleProcess | undefined;

    before(async function () {
      this.timeout(300_000);
      db = await freshDb(kind);
      await compiledBin();
    });
    after(async function () {
      this.timeout(60_000);
      await web?.kill();
      await db?.destroy();
      await removeCompiledBin();
    });

    it('serves from both, replaces one killed, and stops all on SIGTERM with exit 0', async function () {
      this.timeout(4 * WAIT_MS);
      web = await startRoleProcess('web', { DATABASE_URL: db.url, SECRET_KEY: 'x'.repeat(40), NODE_ENV: 'test', WEB_PROCESSES: '2' });
      const started = web.events.find((e) => e.event === 'roles.started')!;
      const first = started.webProcesses as number[];
      expect(first, 'two web processes').to.have.length(2);
      expect(first).to.not.include(web.proc.pid);

      const doomed = first[0]!;
      process.kill(doomed, 'SIGKILL');
      const deadline = Date.now() + WAIT_MS;
      while (!web.events.some((e) => e.event === 'web.process_replaced')) {
        if (Date.now() > deadline) throw new Error(`no replacement: ${JSON.stringify(web.events.slice(-5))}`);
        await sleep(200);
      }
      expect(web.events.find((e) => e.event === 'web.process_exited'), 'the death is logged').to.include({ pid: doomed, signal: 'SIGKILL' });
      const replacement = web.events.find((e) => e.event === 'web.process_replaced')!.pid as number;
      expect(first).to.not.include(replacement);

      for (let i = 0; i < REQUESTS; i++) expect(await get(`${web.baseUrl}/healthz`)).to.equal(200);
      expect(await web.stop(), 'the supervisor exits 0 after SIGTERM').to.equal(0);
      for (const pid of [first[1]!, replacement]) {
        expect(() => process.kill(pid, 0), `web process ${pid} stopped`).to.throw();
      }
      expect(web.events.filter((e) => e.event === 'shutdown.done'), 'three clean stops (supervisor and both web processes)').to.have.length(3);

      const counts = await healthzCounts(db);
      const byPid = (pid: number) => [...counts].filter(([p]) => p.split(':').at(-2) === String(pid)).reduce((a, [, n]) => a + n, 0);
      expect(byPid(first[1]!) + byPid(replacement), 'every request counted once').to.equal(REQUESTS);
      expect(byPid(first[1]!), 'the surviving web process served').to.be.greaterThan(0);
      expect(byPid(replacement), 'the replacement served').to.be.greaterThan(0);
      expect([...counts.keys()].some((p) => p.split(':').at(-2) === String(web!.proc.pid)), 'the supervisor writes no rows').to.equal(false);
    });
  });
}
