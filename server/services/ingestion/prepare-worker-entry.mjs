// Entry of the prepare thread (prepare-thread.ts). A worker does not inherit a tsx registered through its API
// (the govmail bin does that), so the entry registers it before loading the TypeScript body.
import { register } from 'tsx/esm/api';

register();
const { prepareReply, serve } = await import('./prepare-worker.ts');
serve(prepareReply);
