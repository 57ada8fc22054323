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
// No source maps here: a command prints its error's message, never a stack, and reading every module's map
// was a large part of a short command's start. The long-running roles turn them on (server/cli/role-commands.ts),
// and their systemd units and image pass --enable-source-maps, which maps everything from the start.
const { runCli } = await import('../dist/server/cli.js');
process.exit(await runCli(process.argv.slice(2)));
