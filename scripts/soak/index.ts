// `npm run soak -- --minutes N [--inboxes N] [--workers N] [--seed N] …`: the soak of README.md, on MariaDB.
// Prints the table; exits 1 on any failure (listed on stderr), 2 on bad arguments.
import { parseArgs } from 'node:util';
import { formatTable, runSoak, SOAK_DEFAULTS } from './run.js';

const NUMBERS = { minutes: 5, inboxes: SOAK_DEFAULTS.inboxes, workers: SOAK_DEFAULTS.killableWorkers, 'case-every': SOAK_DEFAULTS.caseEverySec,
  'reply-every': SOAK_DEFAULTS.replyEverySec, 'kill-every': SOAK_DEFAULTS.killEverySec, seed: SOAK_DEFAULTS.seed, drain: SOAK_DEFAULTS.drainMinutes };

let values: Record<string, string | undefined>;
try {
  values = parseArgs({ options: Object.fromEntries(Object.keys(NUMBERS).map((k) => [k, { type: 'string' }])) }).values as Record<string, string | undefined>;
} catch (e) {
  process.stderr.write(`${(e as Error).message}\nusage: npm run soak -- --minutes N [${Object.keys(NUMBERS).filter((k) => k !== 'minutes').map((k) => `--${k} N`).join('] [')}]\n`);
  process.exit(2);
}
const n = (k: keyof typeof NUMBERS) => {
  const v = values[k] === undefined ? NUMBERS[k] : Number(values[k]);
  if (!Number.isFinite(v) || v <= 0) {
    process.stderr.write(`--${k}: a positive number, not ${values[k]}\n`);
    process.exit(2);
  }
  return v;
};

const result = await runSoak({ ...SOAK_DEFAULTS, minutes: n('minutes'), inboxes: n('inboxes'), killableWorkers: n('workers'), caseEverySec: n('case-every'),
  replyEverySec: n('reply-every'), killEverySec: n('kill-every'), seed: n('seed'), drainMinutes: n('drain'),
  log: (line) => process.stderr.write(`soak: ${line}\n`) });
process.stdout.write(`${formatTable(result)}\n`);
if (result.failures.length) {
  process.stderr.write(`soak FAILED:\n${result.failures.map((f) => `  ${f}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write('soak passed\n');
process.exit(0);
