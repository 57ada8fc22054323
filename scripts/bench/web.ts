// `npm run bench -- web [--tickets N] [--seconds N] [--connections N] [--db sqlite,mariadb] [--web-processes N|auto] [--cpu-prof DIR]`:
// the hotline desk under load (issue 14). One agency holds N tickets (default 100,000, made with bulk SQL: a
// recursive CTE on SQLite, MariaDB's sequence engine) plus one ticket opened by a real mail; an agent logged in
// through the real form. The app runs as production runs it: `govmail web` compiled, in its own process, with
// WEB_PROCESSES web processes (default: the environment's WEB_PROCESSES, else 1, as in production). autocannon then
// loads, from this process and one after the other, the baseline GET /healthz, the queue (/tickets, its first page),
// the queue paged (each request another page, from a random deadline on: a page no one asked before, so none is
// kept, services/tickets/change-mark.ts) and that ticket's page, and prints req/s, p99, the web processes' CPU per
// request (from /proc) and each page's ratio to the baseline. Goal (issue 14): queue ≥ 500 req/s and p99 ≤ 100 ms on the 2-CPU machine. `--cpu-prof DIR`
// has each web process write a V8 CPU profile there when it stops (open it in Chrome's DevTools).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { QueryTypes } from 'sequelize';
import { freshDb, MARIADB_ADMIN_URL, type TestDbKind } from '../../test/support/databases.js';
import { buildUser } from '../../test/support/web.js';
import { removeCompiledBin, startRoleProcess, type RoleProcess } from '../../test/support/role-process.js';
import { addHotlineAgency, citizenMail } from '../../test/integration/tickets/ticket-fixture.js';

interface CannonResult { requests: { average: number; total: number }; latency: { p99: number; average: number }; non2xx: number; errors: number }
type Cannon = (opts: { url: string; connections: number; duration: number; headers: Record<string, string>; requests?: object[] }) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

export const GOALS = { queueRps: 500, queueP99Ms: 100 };

function argOf(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
}

type Db = Awaited<ReturnType<typeof freshDb>>;

/** N tickets in one agency, deadlines spread over ±60 days around now, received over the last 90 days; a clock
 *  row for each (every tenth paused, a third assigned to the agent). No row goes through Node. */
export async function generate(db: Db, kind: TestDbKind, agencyId: number, agentId: number, n: number): Promise<void> {
  const q = (sql: string) => db.sequelize.query(sql, { type: QueryTypes.RAW }).catch((e: Error & { parent?: Error }) => {
    throw new Error(`${e.parent?.message ?? e.message}\n${sql.slice(0, 300)}`);
  });
  if (kind === 'mariadb') {
    await q(`INSERT INTO tickets (ref, agency_id, status, class, category, priority, citizen_address, citizen_name, citizen_folded, subject,
        received_at, due_at, first_response_due_at, history, undeliverable, created_at, updated_at)
      SELECT CONCAT('BENCH-', seq), ${agencyId}, ELT(1 + seq % 4, 'new', 'open', 'pending', 'closed'), IF(seq % 7 = 0, 'khieu_nai', 'phan_anh_kien_nghi'),
        ELT(1 + seq % 6, 'dat_dai', 'moi_truong', 'giao_thong', 'y_te', 'thu_tuc_hanh_chinh', NULL), ELT(1 + seq % 4, 'low', 'normal', 'high', 'urgent'),
        CONCAT('congdan', seq, '@example.vn'), CONCAT('Nguyễn Văn ', seq), CONCAT('nguyen van ', seq), CONCAT('Phản ánh số ', seq),
        UTC_TIMESTAMP(3) - INTERVAL (seq * 7776 DIV ${n}) * 1000 SECOND,
        UTC_TIMESTAMP(3) + INTERVAL ((seq * 7919) % 172800 - 86400) * 60 SECOND,
        UTC_TIMESTAMP(3), 0, 0, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)
      FROM (SELECT CAST(seq AS SIGNED) AS seq FROM seq_1_to_${n}) s`);
  } else {
    const at = (expr: string) => `strftime('%Y-%m-%d %H:%M:%f +00:00', 'now', (${expr}) || ' seconds')`;
    await q(`WITH RECURSIVE s(seq) AS (SELECT 1 UNION ALL SELECT seq + 1 FROM s WHERE seq < ${n})
      INSERT INTO tickets (ref, agency_id, status, class, category, priority, citizen_address, citizen_name, citizen_folded, subject,
        received_at, due_at, first_response_due_at, history, undeliverable, created_at, updated_at)
      SELECT 'BENCH-' || seq, ${agencyId}, CASE seq % 4 WHEN 0 THEN 'new' WHEN 1 THEN 'open' WHEN 2 THEN 'pending' ELSE 'closed' END,
        CASE WHEN seq % 7 = 0 THEN 'khieu_nai' ELSE 'phan_anh_kien_nghi' END,
        CASE seq % 6 WHEN 0 THEN 'dat_dai' WHEN 1 THEN 'moi_truong' WHEN 2 THEN 'giao_thong' WHEN 3 THEN 'y_te' WHEN 4 THEN 'thu_tuc_hanh_chinh' ELSE NULL END,
        CASE seq % 4 WHEN 0 THEN 'low' WHEN 1 THEN 'normal' WHEN 2 THEN 'high' ELSE 'urgent' END,
        'congdan' || seq || '@example.vn', 'Nguyễn Văn ' || seq, 'nguyen van ' || seq, 'Phản ánh số ' || seq,
        ${at(`-(seq * 7776 / ${n}) * 1000`)}, ${at('((seq * 7919) % 172800 - 86400) * 60')}, ${at('0')}, 0, 0, ${at('0')}, ${at('0')}
      FROM s`);
  }
  await q(`INSERT INTO ticket_sla (ticket_id, policy_class, priority, received_at, resolution_start, resolution_due, paused_at, pause_reason,
      paused_minutes, assignee_id, read_only, created_at, updated_at)
    SELECT id, class, priority, received_at, received_at, due_at, CASE WHEN id % 10 = 0 THEN received_at ELSE NULL END,
      CASE WHEN id % 10 = 0 THEN 'waiting_citizen' ELSE NULL END, 0, CASE WHEN id % 3 = 0 THEN ${agentId} ELSE NULL END, 0, created_at, updated_at
    FROM tickets WHERE ref LIKE 'BENCH-%'`);
  if (kind === 'sqlite') await q('ANALYZE');
  else await q('ANALYZE TABLE tickets, ticket_sla');
}

/** A session cookie from the real login form. */
export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) { const [pair] = c.split(';'); const i = pair!.indexOf('='); jar.set(pair!.slice(0, i), pair!.slice(i + 1)); }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const page = await fetch(`${baseUrl}/login`);
  keep(page);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fetch(`${baseUrl}/login`, {
    method: 'POST', redirect: 'manual', headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, username, password }).toString(),
  });
  if (res.status !== 303) throw new Error(`login: expected 303, got ${res.status}`);
  keep(res);
  return cookie();
}

/** `nextPath`: each request's own path (the paged queue); without it, every request asks `url`. */
async function load(url: string, cookie: string, seconds: number, connections: number, nextPath?: () => string): Promise<CannonResult> {
  const requests = nextPath ? [{ method: 'GET', setupRequest: (req: { path: string }) => ({ ...req, path: nextPath() }) }] : undefined;
  const r = await autocannon({ url, connections, duration: seconds, headers: { cookie }, requests });
  if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx answers and ${r.errors} errors under load`);
  return r;
}

/** User + system CPU of these processes so far, in ms (Linux /proc; clock ticks of 10 ms). */
function cpuMsOf(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    // The fields after the command name (which may hold spaces, hence the last ')'); utime and stime are 14 and 15.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(')').at(-1)!.trim().split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * 10;
}

/** The processes that serve: the web processes of a supervisor (WEB_PROCESSES > 1), else the one started. */
function servingPids(web: RoleProcess): number[] {
  const started = web.events.find((e) => e.event === 'roles.started');
  return (started?.webProcesses as number[] | undefined) ?? [web.proc.pid!];
}

export async function benchWeb(args: string[] = []): Promise<Record<string, number>> {
  const tickets = Number(argOf(args, '--tickets', '100000'));
  const seconds = Number(argOf(args, '--seconds', '10'));
  const connections = Number(argOf(args, '--connections', '10'));
  const kinds = argOf(args, '--db', 'sqlite,mariadb').split(',') as TestDbKind[];
  const webProcesses = argOf(args, '--web-processes', process.env.WEB_PROCESSES || '1');
  const profileDir = argOf(args, '--cpu-prof', '');
  if (!Number.isInteger(tickets) || tickets < 100) throw new Error(`--tickets: expected a whole number ≥ 100, not ${argOf(args, '--tickets', '')}`);
  const out: Record<string, number> = {};
  console.log(`web: ${tickets.toLocaleString('en')} tickets in one agency, autocannon ${connections} connections × ${seconds} s per page, WEB_PROCESSES=${webProcesses}; ${os.availableParallelism()} CPUs, load ${os.loadavg()[0]!.toFixed(1)}${kinds.includes('mariadb') ? `; MariaDB ${MARIADB_ADMIN_URL}` : ''}`);
  for (const kind of kinds) {
    const db = await freshDb(kind);
    let web: RoleProcess | undefined;
    try {
      const agency = await addHotlineAgency(db, 'SXD');
      const real = await citizenMail(db, agency, { subject: 'Đề nghị sửa chữa cầu treo bản Lác', body: 'Cầu treo bị hỏng ván mặt cầu, nguy hiểm cho học sinh.' });
      const agent = await buildUser(db, { role: 'agent', agencyId: agency.agencyId, displayName: 'Cán bộ Đo Tải' });
      const t0 = performance.now();
      await generate(db, kind, agency.agencyId, agent.user.id, tickets);
      console.log(`  ${kind}: generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      // After the tickets exist, so the app's first reads see the table statistics as a running server would.
      web = await startRoleProcess('web', { DATABASE_URL: db.url, SECRET_KEY: 'bench-web-secret-key-0123456789abcdef', NODE_ENV: 'test', WEB_PROCESSES: webProcesses },
        profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
      const baseUrl = web.baseUrl!;
      const pids = servingPids(web);
      out[`${kind}_web_processes`] = pids.length;
      console.log(`  ${kind}: govmail web serving in ${pids.length} process${pids.length === 1 ? '' : 'es'} (${pids.join(', ')})`);
      const cookie = await login(baseUrl, agent.username, agent.password);
      // the generated deadlines lie within ±60 days of now: a cursor at a random instant there starts a page no one drew
      const pagedPath = () => `/tickets?after=due.${Date.now() + Math.round((Math.random() - 0.5) * 120 * 86_400_000)}.0`;
      const pages: { label: string; key: string; path: string; nextPath?: () => string }[] = [
        { label: 'baseline GET /healthz', key: 'baseline', path: '/healthz' },
        { label: 'queue GET /tickets', key: 'queue', path: '/tickets' },
        { label: 'queue paged GET /tickets?after=…', key: 'queue_paged', path: '/tickets', nextPath: pagedPath },
        { label: `ticket GET /tickets/${real.ref}`, key: 'ticket', path: `/tickets/${real.ref}` },
      ];
      for (const { path, nextPath } of pages) await load(`${baseUrl}${path}`, cookie, 1, 2, nextPath); // warm: templates, calendars, JIT, caches
      let base = 0;
      for (const { label, key: page, path, nextPath } of pages) {
        const cpu0 = cpuMsOf(pids);
        const client0 = process.cpuUsage();
        const r = await load(`${baseUrl}${path}`, cookie, seconds, connections, nextPath);
        const client = process.cpuUsage(client0);
        // the web processes' CPU (the app and its SQLite threads) per request: on a loaded machine a steadier
        // measure than req/s; the MariaDB server's own CPU is not in it, nor autocannon's (printed apart)
        const cpuMs = (cpuMsOf(pids) - cpu0) / Math.max(1, r.requests.total);
        const clientMs = (client.user + client.system) / 1000 / Math.max(1, r.requests.total);
        const key = `${kind}_${page}`;
        out[`${key}_rps`] = r.requests.average;
        out[`${key}_p99_ms`] = r.latency.p99;
        out[`${key}_cpu_ms`] = cpuMs;
        out[`${key}_client_cpu_ms`] = clientMs;
        if (page === 'baseline') base = r.requests.average;
        const ratio = base ? r.requests.average / base : 1;
        const goal = page === 'queue'
          ? ` (goal ≥ ${GOALS.queueRps} req/s and p99 ≤ ${GOALS.queueP99Ms} ms: ${r.requests.average >= GOALS.queueRps && r.latency.p99 <= GOALS.queueP99Ms ? 'met' : 'MISSED'})` : '';
        console.log(`  ${kind}: ${label.padEnd(36)} ${r.requests.average.toFixed(0).padStart(5)} req/s, p99 ${String(r.latency.p99).padStart(4)} ms, CPU ${cpuMs.toFixed(2)} ms/req (client ${clientMs.toFixed(2)}), ÷ baseline ${ratio.toFixed(2)}${goal}, load ${os.loadavg()[0]!.toFixed(1)}`);
      }
    } finally {
      await web?.stop();
      await db.destroy();
    }
  }
  await removeCompiledBin();
  return out;
}
