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

/** Builds into `out` (emptied first); the stamp is written last. Returns the number of modules compiled. */
export async function buildDist(out = path.join(ROOT, 'dist')) {
  fs.rmSync(out, { recursive: true, force: true });
  const dirs = CODE_DIRS.map((d) => path.join(ROOT, d));
  const entryPoints = dirs.flatMap((d) => filesUnder(d, (n) => n.endsWith('.ts') && !n.endsWith('.d.ts')));
  await build({
    entryPoints,
    outdir: out,
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
    fs.cpSync(entry, path.join(out, path.relative(ROOT, entry)));
  }
  fs.cpSync(path.join(ROOT, 'views'), path.join(out, 'views'), { recursive: true });
  fs.writeFileSync(path.join(out, STAMP), `${new Date().toISOString()}\n`);
  return entryPoints.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--out');
  const out = at > 0 ? path.resolve(process.argv[at + 1]) : undefined;
  const t0 = Date.now();
  const modules = await buildDist(out);
  process.stdout.write(`built ${modules} modules into ${path.relative(process.cwd(), out ?? path.join(ROOT, 'dist')) || '.'}/ in ${Date.now() - t0} ms\n`);
}
