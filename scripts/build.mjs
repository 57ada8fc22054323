#!/usr/bin/env node
// `npm run build`, and `npm install` through `prepare`: compiles server/ and jobs/ into dist/ with esbuild, one
// .js and source map per .ts, for `npm start` and the `govmail` bin. Not bundled, so every file keeps its place
// and what the code finds relative to itself is copied beside it: views/ (pages, mail templates, static files,
// found as ../../views from server/web and the mail services) and the worker threads' .mjs entries. Migrations
// are imported by server/db/migrations/index.ts, not globbed, so they compile like any module. Tests and
// development run the TypeScript through tsx and never need dist/.
// `node scripts/build.mjs [--out DIR]` (default dist/).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { SOURCE_DIRS, STAMP } from './lib/dist.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CODE_DIRS = SOURCE_DIRS.filter((d) => d !== 'views');

function filesUnder(dir, test) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p, test) : test(e.name) ? [p] : [];
  });
}

/**
 * Builds into `out`, returning the number of modules compiled. The build goes to a directory of its own, moved
 * into place when complete (stamp written last), so two `npm start`s finding dist/ stale at once never load a
 * half-written one.
 */
export async function buildDist(out = path.join(ROOT, 'dist')) {
  const next = `${out}.${process.pid}.tmp`;
  fs.rmSync(next, { recursive: true, force: true });
  const dirs = CODE_DIRS.map((d) => path.join(ROOT, d));
  const entryPoints = dirs.flatMap((d) => filesUnder(d, (n) => n.endsWith('.ts') && !n.endsWith('.d.ts')));
  await build({
    entryPoints,
    outdir: next,
    outbase: ROOT,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    // The maps point at the TypeScript beside dist/; without the sources copied in they are smaller to load.
    sourcesContent: false,
    logLevel: 'warning',
  });
  for (const entry of dirs.flatMap((d) => filesUnder(d, (n) => n.endsWith('.mjs')))) {
    fs.cpSync(entry, path.join(next, path.relative(ROOT, entry)));
  }
  fs.cpSync(path.join(ROOT, 'views'), path.join(next, 'views'), { recursive: true });
  fs.writeFileSync(path.join(next, STAMP), `${new Date().toISOString()}\n`);
  fs.rmSync(out, { recursive: true, force: true });
  fs.renameSync(next, out);
  return entryPoints.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--out');
  const out = at > 0 ? path.resolve(process.argv[at + 1]) : undefined;
  const t0 = Date.now();
  const modules = await buildDist(out);
  process.stdout.write(`built ${modules} modules into ${path.relative(process.cwd(), out ?? path.join(ROOT, 'dist')) || '.'}/ in ${Date.now() - t0} ms\n`);
}
