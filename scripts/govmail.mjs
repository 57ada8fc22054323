#!/usr/bin/env node
// The `govmail` bin: runs the compiled CLI, dist/server/cli.js (`npm install` builds it; `npm run build` after
// changing the sources). Tests run the TypeScript itself through tsx instead (test/support/cli.ts).
import { fileURLToPath } from 'node:url';
import { distProblem } from './lib/dist.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const problem = distProblem(ROOT);
if (problem?.missing) {
  process.stderr.write(`govmail: ${problem.why}: run \`npm run build\` (npm install runs it)\n`);
  process.exit(1);
}
// Stale code still runs (a deployment may have touched the sources' times), but never silently.
if (problem) process.stderr.write(`warning: ${problem.why}: run \`npm run build\` to run the current sources\n`);
process.setSourceMapsEnabled(true);
const { runCli } = await import('../dist/server/cli.js');
process.exit(await runCli(process.argv.slice(2)));
