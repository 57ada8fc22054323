// Is dist/ (scripts/build.mjs) there and newer than the sources it was built from? Asked by `npm start` (which
// then builds) and by the `govmail` bin (which then says so). Plain JavaScript: it runs before anything is built.
import fs from 'node:fs';
import path from 'node:path';

/** What the build reads: a file here newer than the stamp means dist/ is stale. */
export const SOURCE_DIRS = ['server', 'jobs', 'views'];
/** Written last by a build, so a build that stopped half-way leaves no stamp. */
export const STAMP = '.built';

function newestFile(dir) {
  let newest = { file: null, mtimeMs: 0 };
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return newest;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    const found = e.isDirectory() ? newestFile(p) : { file: p, mtimeMs: fs.statSync(p).mtimeMs };
    if (found.mtimeMs > newest.mtimeMs) newest = found;
  }
  return newest;
}

/**
 * Whether `dist` holds `root`'s sources compiled: null when it does, else `{ missing, why }` with `why` one
 * sentence (missing: no complete build at all; otherwise a source file is newer than the build). A few
 * milliseconds: one stat per source file.
 */
export function distProblem(root, dist = path.join(root, 'dist')) {
  const relative = path.relative(process.cwd(), dist);
  const shown = relative.startsWith('..') ? dist : relative || '.';
  let built;
  try {
    built = fs.statSync(path.join(dist, STAMP)).mtimeMs;
  } catch {
    return { missing: true, why: `${shown}/ has no complete build` };
  }
  for (const dir of SOURCE_DIRS) {
    const newest = newestFile(path.join(root, dir));
    if (newest.mtimeMs > built) return { missing: false, why: `${path.relative(root, newest.file)} is newer than the build in ${shown}/` };
  }
  return null;
}
