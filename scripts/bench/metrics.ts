// `npm run bench -- metrics [--tickets N] [--rounds N] [--keep | --db NAME]`: leaders' metrics at province scale on MariaDB.
// Generates the history with bulk SQL (INSERT … SELECT over MariaDB's sequence engine, seq_1_to_N): N tickets
// (default 1,000,000) across 40 agencies over 3 years, with replies, resolutions (some after the deadline),
// referrals and an open backlog; then prints
//   rebuild   govmail metrics:rebuild's time (every ticket's facts, day and month rollups);
//   dashboard GET /metrics as a province leader (default period: 13 weeks), p50 and p95 over the rounds, and its
//             ratio to GET / (the home page, same app, same login) as the median over paired rounds;
//   CLI       `govmail metrics --json` over all time, against `govmail metrics --help` (process start) paired;
//   export    `govmail metrics:export --format csv` of every ticket: seconds and the child's peak RSS (VmHWM).
// Beside each time its CPU time (this process and the database server's for a page, the child's for the CLI)
// and the load average, since wall time on the shared machine mostly measures the queue for the two CPUs.
// --keep leaves the database in place and names it; --db NAME measures such a kept database again (no generation,
// no rebuild), so a change can be measured at 1,000,000 tickets without generating them again.
// Goals (issue 16): dashboard p95 ≤ 300 ms and CLI ≤ 1 s at 1,000,000; export peak RSS ≤ 300 MiB.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { QueryTypes } from 'sequelize';
import { rebuildRollups } from '../../server/services/metrics/index.js';
import { openDb, type Db } from '../../server/db/index.js';
import { migrateUp } from '../../server/db/migrate.js';
import { freshDb, MARIADB_ADMIN_URL } from '../../test/support/databases.js';
import { buildUser, loginAgent, testApp } from '../../test/support/web.js';

const BIN = fileURLToPath(new URL('../govmail.mjs', import.meta.url));
const AGENCIES = 40;
const YEARS = 3;
export const GOALS = { dashboardP95Ms: 300, cliS: 1, exportRssMiB: 300 };

function argOf(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!; };

const TIME = '/usr/bin/time';
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

/** The database server's CPU time so far (user + system, ms) from /proc, or null when it is not on this machine. */
function serverCpuMs(): number | null {
  try {
    const pid = fs.readdirSync('/proc').find((d) => /^\d+$/.test(d) && /^(mariadbd|mysqld)$/.test(fs.readFileSync(`/proc/${d}/comm`, 'utf8').trim()));
    if (!pid) return null;
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return null;
  }
}

/**
 * Runs govmail; resolves with seconds, the child's CPU time (user + system, through /usr/bin/time when there is
 * one: the load-independent measure on a shared machine) and its peak RSS in MiB (VmHWM, read from /proc until
 * it exits, or time's maximum resident size).
 */
function timedGovmail(args: string[], env: Record<string, string>): Promise<{ seconds: number; cpuS: number | null; peakMiB: number; code: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const timeOut = fs.existsSync(TIME) ? path.join(os.tmpdir(), `govmail-bench-time-${process.pid}-${Math.random().toString(36).slice(2)}`) : null;
    const argv = timeOut ? [TIME, '-f', '%U %S %M', '-o', timeOut, process.execPath, BIN, ...args] : [process.execPath, BIN, ...args];
    const child = spawn(argv[0]!, argv.slice(1), { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    let peakKiB = 0;
    const sample = () => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKiB = Math.max(peakKiB, Number(m[1]));
      } catch { /* exited */ }
    };
    const timer = setInterval(sample, 50);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      let cpuS: number | null = null;
      if (timeOut) {
        const [user, sys, maxKiB] = fs.readFileSync(timeOut, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
        fs.rmSync(timeOut, { force: true });
        cpuS = user! + sys!;
        peakKiB = Math.max(peakKiB, maxKiB!);
      }
      resolve({ seconds: (performance.now() - t0) / 1000, cpuS, peakMiB: peakKiB / 1024, code: code ?? -1 });
    });
  });
}

/** The history, in a handful of INSERT … SELECT statements (no row goes through Node). */
async function generate(db: Db, tickets: number): Promise<{ events: number }> {
  const q = (sql: string) => db.sequelize.query(sql, { type: QueryTypes.RAW }).catch((e: Error & { parent?: Error }) => {
    throw new Error(`${e.parent?.message ?? e.message}\n${sql.slice(0, 200)}`);
  });
  await db.models.Agency.bulkCreate(Array.from({ length: AGENCIES }, (_, i) => ({ code: `CQ${String(i + 1).padStart(2, '0')}`, name: `Cơ quan số ${i + 1}`, kind: 'department' })) as never);
  const [[{ first }]] = await db.sequelize.query('SELECT MIN(id) AS first FROM agencies') as unknown as [[{ first: number }]];
  const spanS = YEARS * 365 * 86_400;
  // received_at spread evenly over 3 years ending today; due 15 days later, first response due a day later
  await q(`INSERT INTO tickets (ref, agency_id, status, class, category, priority, citizen_address, citizen_name, subject, lookup_code_hash,
      received_at, due_at, first_response_due_at, related_ticket_id, relation, history, undeliverable, created_at, updated_at)
    SELECT CONCAT('BENCH-', seq), ${first} + seq % ${AGENCIES}, 'open', IF(seq % 7 = 0, 'khieu_nai', 'phan_anh_kien_nghi'),
      ELT(1 + seq % 6, 'dat_dai', 'moi_truong', 'giao_thong', 'y_te', 'thu_tuc_hanh_chinh', 'can_bo'), 'normal',
      CONCAT('congdan', seq, '@example.vn'), NULL, CONCAT('Phản ánh số ', seq), NULL,
      r, r + INTERVAL 15 DAY, r + INTERVAL 1 DAY, NULL, NULL, 0, 0, r, r
    FROM (SELECT seq, TIMESTAMPADD(SECOND, -FLOOR((${tickets} - seq) * ${spanS} / ${tickets}), UTC_TIMESTAMP()) AS r FROM seq_1_to_${tickets}) s`);
  // r = id % 100: 0 referred (half within 5 working days); 1 forgotten (open); 2–9 no first response; the rest answered
  // within 1–20 hours and resolved after 2–21 days (past the 15-day deadline for some), unless that is still ahead
  await q(`INSERT INTO ticket_events (ticket_id, kind, message_id, details, at)
    SELECT id, 'referral', NULL, IF(id % 200 = 0, '{"to":"CQ01","onTime":true}', '{"to":"CQ01","onTime":false}'), received_at + INTERVAL (1 + id % 9) DAY
    FROM tickets WHERE id % 100 = 0 AND received_at + INTERVAL (1 + id % 9) DAY < UTC_TIMESTAMP()`);
  await q(`INSERT INTO ticket_events (ticket_id, kind, message_id, details, at)
    SELECT id, 'reply', NULL, NULL, received_at + INTERVAL (1 + id % 20) HOUR
    FROM tickets WHERE id % 100 >= 10 AND received_at + INTERVAL (1 + id % 20) HOUR < UTC_TIMESTAMP()`);
  await q(`INSERT INTO ticket_events (ticket_id, kind, message_id, details, at)
    SELECT id, 'status', NULL, '{"from":"open","to":"resolved"}', received_at + INTERVAL (2 + id % 20) DAY
    FROM tickets WHERE id % 100 >= 2 AND received_at + INTERVAL (2 + id % 20) DAY < UTC_TIMESTAMP()`);
  const [[{ n }]] = await db.sequelize.query('SELECT COUNT(*) AS n FROM ticket_events') as unknown as [[{ n: number }]];
  return { events: Number(n) };
}

/** A database kept by an earlier run (--keep), migrated to the current schema; never dropped by this run. */
async function keptDb(name: string) {
  if (!/^govmail_t_\w+$/.test(name)) throw new Error(`--db: expected a database a --keep run named (govmail_t_…), not ${name}`);
  const db = openDb(`${MARIADB_ADMIN_URL.replace(/\/$/, '')}/${name}`);
  await migrateUp(db.sequelize);
  return Object.assign(db, { mysql: { database: name } });
}

export async function benchMetrics(args: string[] = []): Promise<Record<string, number>> {
  const reuse = argOf(args, '--db', '');
  const rounds = Math.max(3, Number(argOf(args, '--rounds', '30')));
  const db = reuse ? await keptDb(reuse) : await freshDb('mariadb');
  const env = { DATABASE_URL: `${MARIADB_ADMIN_URL.replace(/\/$/, '')}/${db.mysql!.database}` };
  const out: Record<string, number> = {};
  try {
    let tickets: number;
    if (reuse) {
      const [[row]] = await db.sequelize.query('SELECT COUNT(*) AS n FROM tickets') as unknown as [[{ n: number }]];
      tickets = Number(row.n);
      out.tickets = tickets;
      console.log(`metrics: ${tickets.toLocaleString('en')} tickets in the kept database ${reuse} (no generation, no rebuild); ${os.availableParallelism()} CPUs, load ${os.loadavg()[0]!.toFixed(1)}`);
    } else {
      tickets = Number(argOf(args, '--tickets', '1000000'));
      if (!Number.isInteger(tickets) || tickets < 1000) throw new Error(`--tickets: expected a whole number ≥ 1000, not ${argOf(args, '--tickets', '')}`);
      out.tickets = tickets;
      console.log(`metrics: ${tickets.toLocaleString('en')} tickets, ${AGENCIES} agencies, ${YEARS} years on MariaDB (${MARIADB_ADMIN_URL}); ${os.availableParallelism()} CPUs, load ${os.loadavg()[0]!.toFixed(1)}`);
      let t0 = performance.now();
      const { events } = await generate(db, tickets);
      out.generate_s = (performance.now() - t0) / 1000;
      console.log(`  generate:  ${out.generate_s.toFixed(1)} s (bulk SQL: ${tickets.toLocaleString('en')} tickets, ${events.toLocaleString('en')} events)`);

      t0 = performance.now();
      const r = await rebuildRollups(db);
      out.rebuild_s = (performance.now() - t0) / 1000;
      console.log(`  rebuild:   ${out.rebuild_s.toFixed(1)} s (${r.day_rows.toLocaleString('en')} day rows, ${r.month_rows.toLocaleString('en')} month rows)`);
    }

    const app = testApp(db);
    const { agent } = await loginAgent(app, await buildUser(db, { role: 'leader', agencyId: null }));
    await agent.get('/metrics').expect(200); // warm: templates, calendars, JIT
    const page: number[] = [];
    const home: number[] = [];
    const ratios: number[] = [];
    let pageCpu = 0;
    let serverCpu: number | null = 0;
    for (let i = 0; i < rounds; i++) {
      let s = performance.now();
      await agent.get('/').expect(200);
      const base = performance.now() - s;
      home.push(base);
      const [c0, d0] = [cpuMs(), serverCpuMs()];
      s = performance.now();
      await agent.get('/metrics').expect(200);
      const ms = performance.now() - s;
      const d1 = serverCpuMs();
      pageCpu += cpuMs() - c0;
      serverCpu = serverCpu === null || d0 === null || d1 === null ? null : serverCpu + d1 - d0;
      page.push(ms);
      ratios.push(ms / base);
    }
    // CPU per page: this process (the app and the test client) and the database server (which other sessions'
    // queries share, so an upper bound)
    out.dashboard_cpu_ms = pageCpu / rounds;
    if (serverCpu !== null) out.dashboard_db_cpu_ms = serverCpu / rounds;
    out.dashboard_p50_ms = pct(page, 50);
    out.dashboard_p95_ms = pct(page, 95);
    out.dashboard_ratio = median(ratios);
    out.home_p50_ms = pct(home, 50);
    console.log(`  dashboard: p50 ${out.dashboard_p50_ms.toFixed(0)} ms, p95 ${out.dashboard_p95_ms.toFixed(0)} ms over ${rounds} rounds (goal p95 ≤ ${GOALS.dashboardP95Ms} ms: ${out.dashboard_p95_ms <= GOALS.dashboardP95Ms ? 'met' : 'MISSED'}); /metrics ÷ / = ${out.dashboard_ratio.toFixed(1)} (median of paired rounds); CPU a page ${out.dashboard_cpu_ms.toFixed(0)} ms here${out.dashboard_db_cpu_ms === undefined ? '' : `, ≤ ${out.dashboard_db_cpu_ms.toFixed(0)} ms in the database server`}; load ${os.loadavg()[0]!.toFixed(1)}`);

    const cli: number[] = [];
    const cliCpu: number[] = [];
    const cliRatios: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = await timedGovmail(['metrics', '--help'], env);
      const run = await timedGovmail(['metrics', '--json'], env);
      if (run.code !== 0) throw new Error(`govmail metrics exited ${run.code}`);
      cli.push(run.seconds);
      if (run.cpuS !== null) cliCpu.push(run.cpuS);
      if (start.cpuS !== null) out.cli_start_cpu_s = Math.min(out.cli_start_cpu_s ?? Infinity, start.cpuS);
      cliRatios.push(run.seconds / start.seconds);
      out.cli_start_s = Math.min(out.cli_start_s ?? Infinity, start.seconds);
    }
    out.cli_s = median(cli);
    out.cli_work_s = Math.max(0, out.cli_s - out.cli_start_s);
    out.cli_ratio = median(cliRatios);
    if (cliCpu.length) out.cli_cpu_s = median(cliCpu);
    console.log(`  CLI:       govmail metrics --json (all time) ${out.cli_s.toFixed(2)} s median of 3, of which process start ≈ ${out.cli_start_s.toFixed(2)} s (--help); ratio ${out.cli_ratio.toFixed(2)} (goal ≤ ${GOALS.cliS} s: ${out.cli_s <= GOALS.cliS ? 'met' : 'MISSED'}; the work alone ${out.cli_work_s.toFixed(2)} s)${out.cli_cpu_s === undefined ? '' : `; CPU ${out.cli_cpu_s.toFixed(2)} s (--help ${out.cli_start_cpu_s!.toFixed(2)} s)`}; load ${os.loadavg()[0]!.toFixed(1)}`);

    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'govmail-bench-')), 'all.csv');
    const exp = await timedGovmail(['metrics:export', '--format', 'csv', '--out', file], env);
    if (exp.code !== 0) throw new Error(`govmail metrics:export exited ${exp.code}`);
    out.export_s = exp.seconds;
    out.export_peak_mib = exp.peakMiB;
    if (exp.cpuS !== null) out.export_cpu_s = exp.cpuS;
    const size = fs.statSync(file).size;
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    console.log(`  export:    CSV of every ticket, ${(size / 2 ** 20).toFixed(0)} MiB in ${out.export_s.toFixed(1)} s, peak RSS ${out.export_peak_mib.toFixed(0)} MiB (goal ≤ ${GOALS.exportRssMiB} MiB: ${out.export_peak_mib <= GOALS.exportRssMiB ? 'met' : 'MISSED'})${out.export_cpu_s === undefined ? '' : `; CPU ${out.export_cpu_s.toFixed(1)} s`}; load ${os.loadavg()[0]!.toFixed(1)}`);
    return out;
  } finally {
    if (reuse || args.includes('--keep')) {
      if (!reuse) console.log(`  kept:      ${env.DATABASE_URL} (measure it again: --db ${db.mysql!.database})`);
      await db.close();
    } else await (db as Awaited<ReturnType<typeof freshDb>>).destroy();
  }
}
