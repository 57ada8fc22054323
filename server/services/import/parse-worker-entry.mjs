// Entry of the table parse thread (parse-thread.ts). Built (dist/, scripts/build.mjs), the body beside it is
// JavaScript. In the sources it is TypeScript, and a worker does not inherit a tsx registered through its API, so
// the entry registers it before loading the body.
import { existsSync } from 'node:fs';

const compiled = new URL('./parse-worker.js', import.meta.url);
const built = existsSync(compiled);
if (!built) (await import('tsx/esm/api')).register();
const { serveOneParse } = await import(built ? compiled.href : './parse-worker.ts');
serveOneParse();
