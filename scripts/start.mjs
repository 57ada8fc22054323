// `npm start`: runs the compiled server, dist/server/index.js (web, worker and scheduler by GOVMAIL_ROLES). When
// dist/ is missing or older than the sources, it says so and builds first, so a start never runs stale code.
// (package.json starts this with --enable-source-maps: stack traces name the TypeScript lines.)
import { fileURLToPath } from 'node:url';
import { distProblem } from './lib/dist.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const problem = distProblem(ROOT);
if (problem) {
  process.stderr.write(`govmail: ${problem.why}; building dist/ first (npm run build)\n`);
  const { buildDist } = await import('./build.mjs');
  await buildDist();
}
await import('../dist/server/index.js');
