// `npm run bench -- <name> [args]`: a tiny dispatcher over the benchmarks in this folder; with no name (or only
// options), every benchmark and one table (all.ts).
import { benchAll } from './all.js';
import { benchCli } from './cli.js';
import { benchIngest } from './ingest.js';
import { benchMetrics } from './metrics.js';
import { benchProvision } from './provision.js';
import { benchWeb } from './web.js';

const BENCHES: Record<string, (args: string[]) => Promise<unknown>> = {
  provision: benchProvision,
  ingest: benchIngest,
  metrics: benchMetrics,
  cli: benchCli,
  web: benchWeb,
};

const argv = process.argv.slice(2);
const named = argv[0] !== undefined && !argv[0].startsWith('--');
const [name, ...args] = named ? argv : ['all', ...argv];
const bench = name === 'all' ? benchAll : BENCHES[name!];
if (!bench) {
  process.stderr.write(`usage: npm run bench [-- --quick] [-- --metrics-db NAME], or npm run bench -- <${Object.keys(BENCHES).join('|')}> [args]\n`);
  process.exit(2);
}
bench(args).then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench ${name} failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
