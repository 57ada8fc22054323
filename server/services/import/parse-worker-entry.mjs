// Entry of the table parse thread (parse-thread.ts). A worker does not inherit a tsx registered through its API
// (the govmail bin does that), so the entry registers it before loading the TypeScript body.
import { register } from 'tsx/esm/api';

register();
const { serveOneParse } = await import('./parse-worker.ts');
serveOneParse();
