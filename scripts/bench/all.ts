// `npm run bench` with no name: every benchmark in turn, then ONE table (table.ts) printed and written to
// RESULTS.md in this folder with the machine it ran on.
//   --quick          smaller sizes, so the whole run takes minutes (the table says which sizes ran)
//   --metrics-db N   the metrics bench measures a database a `npm run bench -- metrics --keep` run left
//                    (1,000,000 tickets take long to generate and rebuild under load), instead of generating one
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { MARIADB_ADMIN_URL } from '../../test/support/databases.js';
import { benchCli, GOALS as CLI_GOALS } from './cli.js';
import { benchIngest, P95_GOAL_MS, RATIO_GOAL } from './ingest.js';
import { benchMetrics, GOALS as METRICS_GOALS } from './metrics.js';
import { benchProvision, GOAL_S as PROVISION_GOAL_S } from './provision.js';
import { benchWeb, GOALS as WEB_GOALS } from './web.js';
import { machine, machineMarkdown, tableMarkdown, type BenchRow } from './table.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS = path.join(HERE, 'RESULTS.md');

interface Plan { provision: string[]; ingest: string[]; web: string[]; metrics: string[]; cli: string[] }

function planOf(args: string[]): Plan {
  const quick = args.includes('--quick');
  const i = args.indexOf('--metrics-db');
  const kept = i >= 0 && args[i + 1] ? ['--db', args[i + 1]!] : [];
  return quick
    ? { provision: ['--rows', '2000'], ingest: ['--messages', '500', '--rounds', '1', '--idle', '20'], web: ['--tickets', '10000', '--seconds', '5'], metrics: kept.length ? [...kept, '--rounds', '10'] : ['--tickets', '100000', '--rounds', '10'], cli: ['--rounds', '5'] }
    : { provision: [], ingest: [], web: [], metrics: kept, cli: [] };
}

const ms = (v: number) => `${Math.round(v).toLocaleString('en')} ms`;
const s2 = (v: number) => `${v.toFixed(2)} s`;

function provisionRows(r: Awaited<ReturnType<typeof benchProvision>>, rows: number): BenchRow[] {
  const full = rows === 10_000;
  return [{
    bench: 'provision', measure: `roster import, ${rows.toLocaleString('en')} rows`, value: s2(r.seconds), baseline: `bare hashing ${s2(r.baselineSeconds)}`,
    ratio: r.seconds / r.baselineSeconds, goal: `≤ ${PROVISION_GOAL_S} s at 10,000 rows`, met: full ? r.seconds <= PROVISION_GOAL_S : null,
  }];
}

function ingestRows(r: Record<string, unknown>): BenchRow[] {
  const base = r.baseline as number;
  const rows: BenchRow[] = [];
  for (const kind of ['sqlite', 'mariadb']) {
    const k = r[kind] as { rate: number; ratio: number; p95: number } | undefined;
    if (!k) continue;
    rows.push({
      bench: 'ingest', measure: `IMAP ingestion [${kind}], best rate`, value: `${Math.round(k.rate)} msg/s`, baseline: `IMAP fetch + parse ${Math.round(base)} msg/s`,
      ratio: k.ratio, goal: kind === 'sqlite' ? `ratio ≥ ${RATIO_GOAL}` : '', met: kind === 'sqlite' ? k.ratio >= RATIO_GOAL : null,
    });
    rows.push({ bench: 'ingest', measure: `IDLE: APPEND → ticket [${kind}], p95`, value: ms(k.p95), baseline: '', ratio: null, goal: `≤ ${P95_GOAL_MS} ms`, met: k.p95 <= P95_GOAL_MS });
  }
  return rows;
}

function metricsRows(r: Record<string, number>): BenchRow[] {
  const n = `${r.tickets!.toLocaleString('en')} tickets`;
  const full = r.tickets! >= 1_000_000;
  const at = (met: boolean) => (full ? met : null);
  return [
    ...(r.rebuild_s === undefined ? [] : [{ bench: 'metrics', measure: `metrics:rebuild, ${n}`, value: `${r.rebuild_s.toFixed(1)} s`, baseline: '', ratio: null, goal: '', met: null }]),
    { bench: 'metrics', measure: `/metrics dashboard p50, ${n}`, value: ms(r.dashboard_p50_ms!), baseline: `GET / p50 ${ms(r.home_p50_ms!)}`, ratio: r.dashboard_ratio!, goal: '', met: null },
    { bench: 'metrics', measure: `/metrics dashboard p95, ${n}`, value: ms(r.dashboard_p95_ms!), baseline: '', ratio: null, goal: `≤ ${METRICS_GOALS.dashboardP95Ms} ms at 1,000,000`, met: at(r.dashboard_p95_ms! <= METRICS_GOALS.dashboardP95Ms) },
    { bench: 'metrics', measure: `govmail metrics --json (all time), ${n}`, value: s2(r.cli_s!), baseline: `govmail metrics --help ${s2(r.cli_start_s!)}`, ratio: r.cli_ratio!, goal: `≤ ${METRICS_GOALS.cliS} s at 1,000,000`, met: at(r.cli_s! <= METRICS_GOALS.cliS) },
    { bench: 'metrics', measure: `CSV export of every ticket, peak RSS, ${n}`, value: `${Math.round(r.export_peak_mib!)} MiB (${r.export_s!.toFixed(1)} s)`, baseline: '', ratio: null, goal: `≤ ${METRICS_GOALS.exportRssMiB} MiB at 1,000,000`, met: at(r.export_peak_mib! <= METRICS_GOALS.exportRssMiB) },
  ];
}

function cliRows(r: Awaited<ReturnType<typeof benchCli>>): BenchRow[] {
  return [
    { bench: 'cli', measure: 'govmail --help (compiled)', value: ms(r.help), baseline: `node -e 0 ${ms(r.node)}`, ratio: r.helpRatio, goal: `≤ ${CLI_GOALS.helpMs} ms`, met: r.help <= CLI_GOALS.helpMs },
    { bench: 'cli', measure: 'govmail agency:list --json, SQLite', value: ms(r.read), baseline: `node -e 0 ${ms(r.node)}`, ratio: r.readRatio, goal: `≤ ${CLI_GOALS.readMs} ms`, met: r.read <= CLI_GOALS.readMs },
  ];
}

/** The web bench's rows: req/s and p99 per page and database, each page against GET /healthz in the same run. */
function webRows(r: Record<string, number>): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const kind of ['sqlite', 'mariadb']) {
    const base = r[`${kind}_baseline_rps`];
    if (base === undefined) continue;
    for (const page of ['queue', 'queue_paged', 'ticket'] as const) {
      const rps = r[`${kind}_${page}_rps`]!;
      const p99 = r[`${kind}_${page}_p99_ms`]!;
      const isQueue = page === 'queue';
      const name = { queue: 'queue GET /tickets', queue_paged: 'queue, a new page each request', ticket: 'ticket page' }[page];
      rows.push({
        bench: 'web', measure: `${name} [${kind}], req/s and p99`, value: `${Math.round(rps)} req/s, p99 ${ms(p99)}`,
        baseline: `GET /healthz ${Math.round(base)} req/s`, ratio: rps / base,
        goal: isQueue ? `≥ ${WEB_GOALS.queueRps} req/s, p99 ≤ ${WEB_GOALS.queueP99Ms} ms` : '',
        met: isQueue ? rps >= WEB_GOALS.queueRps && p99 <= WEB_GOALS.queueP99Ms : null,
      });
    }
  }
  return rows;
}

async function mariadbVersion(): Promise<string> {
  try {
    const url = new URL(MARIADB_ADMIN_URL);
    const c = await mysql.createConnection({ host: url.hostname, port: Number(url.port || 3306), user: url.username || 'root', password: decodeURIComponent(url.password) });
    const [rows] = await c.query('SELECT VERSION() AS v');
    await c.end();
    return String((rows as { v: string }[])[0]!.v);
  } catch {
    return 'unreachable';
  }
}

export async function benchAll(args: string[]): Promise<void> {
  const plan = planOf(args);
  const rows: BenchRow[] = [];
  const provisionSize = Number(plan.provision[1] ?? 10_000);
  console.log(`bench: every benchmark${args.includes('--quick') ? ' (--quick sizes)' : ''}\n`);
  rows.push(...provisionRows(await benchProvision(plan.provision), provisionSize));
  rows.push(...ingestRows(await benchIngest(plan.ingest)));
  rows.push(...webRows(await benchWeb(plan.web)));
  rows.push(...metricsRows(await benchMetrics(plan.metrics)));
  rows.push(...cliRows(await benchCli(plan.cli)));
  const table = tableMarkdown(rows);
  const where = machineMarkdown(machine(await mariadbVersion()));
  console.log(`\n${table}\n\n${where}`);
  const sizes = Object.entries(plan).map(([name, a]) => `${name} ${a.length ? a.join(' ') : '(defaults)'}`).join('; ');
  fs.writeFileSync(RESULTS, [
    '# Benchmark results — written by `npm run bench` (scripts/bench/all.ts); do not edit by hand',
    '',
    `Machine: ${where}.`,
    '',
    `Arguments: ${sizes}. Ratios are value ÷ the same run's in-process baseline: medians over paired rounds (metrics, cli) or the ratio of best rates (ingest); read them before the absolute times on a shared machine. Goals marked "at 1,000,000" (or "at 10,000 rows") are judged only at that size.`,
    '',
    table,
    '',
  ].join('\n'));
  console.log(`\nwritten to ${path.relative(process.cwd(), RESULTS)}`);
}
