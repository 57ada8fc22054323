// `npm run bench -- cli [--rounds N]`: how long the `govmail` bin takes, as an operator or an outside check runs
// it. Builds dist/ first when it is missing or stale, makes a temporary SQLite database (migrated, with the
// Hòa Bình 2016 agencies), then over N paired rounds (default 9) times, each as a fresh process:
//   node -e 0                 the process start alone, the floor;
//   govmail --help            the compiled bin (goal ≤ 300 ms);
//   govmail agency:list       a read command on SQLite, --json (goal ≤ 1 s);
//   the same two from the TypeScript through tsx, as the tests run the CLI (test/support/cli.ts): the baseline.
// Prints the medians with the goals (issue 17). No test asserts times; this is where they are read.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'scripts/govmail.mjs');
const SOURCE_CLI = path.join(ROOT, 'server/cli.ts');
const ORG_FILE = path.join(ROOT, 'test/fixtures/org/hoabinh-2016-agencies.csv');
export const GOALS = { helpMs: 300, readMs: 1000 };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

function argOf(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
}

/** Runs node with `args` to its exit; resolves with milliseconds. A non-zero exit fails the bench. */
function timed(args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`node ${args.join(' ')} exited ${code}: ${stderr}`))));
  });
}

export interface CliResult {
  /** medians over the paired rounds, ms */
  node: number; help: number; read: number; tsxHelp: number; tsxRead: number;
  /** medians of each round's ratio to that round's bare node start */
  helpRatio: number; readRatio: number;
}

export async function benchCli(args: string[]): Promise<CliResult> {
  const rounds = Number(argOf(args, '--rounds', '9'));
  // The bin warns and runs stale code rather than build, so build here: the bench times the current sources.
  const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build failed');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govmail-bench-cli-'));
  const env = { DATABASE_URL: `sqlite:${path.join(dir, 'bench.sqlite')}` };
  try {
    await timed([BIN, 'migrate', '--json'], env);
    await timed([BIN, 'org:import', ORG_FILE, '--json'], env);
    const runs = {
      node: () => timed(['-e', '0'], env),
      help: () => timed([BIN, '--help'], env),
      read: () => timed([BIN, 'agency:list', '--json'], env),
      tsxHelp: () => timed(['--import', 'tsx', SOURCE_CLI, '--help'], env),
      tsxRead: () => timed(['--import', 'tsx', SOURCE_CLI, 'agency:list', '--json'], env),
    };
    const times: Record<keyof typeof runs, number[]> = { node: [], help: [], read: [], tsxHelp: [], tsxRead: [] };
    // Paired rounds, one of each in turn, so the shared machine's load falls on all of them alike.
    for (let r = 0; r < rounds; r++) {
      for (const [name, run] of Object.entries(runs) as Array<[keyof typeof runs, () => Promise<number>]>) times[name].push(await run());
    }
    const ms = (name: keyof typeof runs) => `${median(times[name]).toFixed(0)} ms`;
    const goal = (name: 'help' | 'read', limit: number) => `goal ≤ ${limit} ms: ${median(times[name]) <= limit ? 'met' : 'MISSED'}`;
    console.log(`cli: medians of ${rounds} paired rounds, SQLite, load average ${os.loadavg()[0]!.toFixed(1)} (${os.cpus().length} CPUs)`);
    console.log(`  node -e 0 (process start)     ${ms('node')}`);
    console.log(`  govmail --help                ${ms('help')}  ${goal('help', GOALS.helpMs)}`);
    console.log(`  govmail agency:list --json    ${ms('read')}  ${goal('read', GOALS.readMs)}`);
    console.log(`  through tsx, as tests run it: --help ${ms('tsxHelp')}, agency:list --json ${ms('tsxRead')}`);
    const ratioTo = (name: 'help' | 'read') => median(times[name].map((t, r) => t / times.node[r]!));
    return {
      node: median(times.node), help: median(times.help), read: median(times.read), tsxHelp: median(times.tsxHelp), tsxRead: median(times.tsxRead),
      helpRatio: ratioTo('help'), readRatio: ratioTo('read'),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
