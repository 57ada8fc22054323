// The one table `npm run bench` prints and writes to RESULTS.md: a row per measure with its in-process baseline
// (where the bench has one), the ratio to it, the goal and whether it was met; and the machine it ran on.
import { execFileSync } from 'node:child_process';
import os from 'node:os';

export interface BenchRow {
  bench: string;
  measure: string;
  value: string;
  /** the same run's in-process baseline, described with its value; '' when the bench has none */
  baseline: string;
  /** value ÷ baseline (median over paired rounds, or of best rates, as the bench says); null when none */
  ratio: number | null;
  goal: string;
  /** null: printed for reading, no goal */
  met: boolean | null;
}

export interface Machine { cpus: number; ramGiB: number; load: string; node: string; mariadb: string; date: string; commit: string }

const run = (cmd: string, args: string[]) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
};

export function machine(mariadbVersion: string): Machine {
  return {
    cpus: os.availableParallelism(),
    ramGiB: Math.round(os.totalmem() / 2 ** 30),
    load: os.loadavg().map((l) => l.toFixed(1)).join(' / '),
    node: process.version,
    mariadb: mariadbVersion,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit: run('git', ['rev-parse', '--short', 'HEAD']) + (run('git', ['status', '--porcelain', '--untracked-files=no']) ? ' (with uncommitted changes)' : ''),
  };
}

const verdict = (met: boolean | null) => (met === null ? '–' : met ? 'met' : '**missed**');

export function tableMarkdown(rows: readonly BenchRow[]): string {
  const lines = [
    '| bench | measure | value | in-process baseline | ratio | goal | met |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.bench} | ${r.measure} | ${r.value} | ${r.baseline || '–'} | ${r.ratio === null ? '–' : r.ratio.toFixed(2)} | ${r.goal || '–'} | ${verdict(r.met)} |`),
  ];
  return lines.join('\n');
}

export function machineMarkdown(m: Machine): string {
  return `${m.cpus} CPUs, ${m.ramGiB} GiB RAM, load average ${m.load} (1 / 5 / 15 min, at the end of the run), Node ${m.node}, ` +
    `MariaDB ${m.mariadb}, ${m.date}, commit ${m.commit}`;
}
