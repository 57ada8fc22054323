// A prepare thread entry that takes 1.5 s to load before it serves, as the real one can on a busy machine.
import { setTimeout as sleep } from 'node:timers/promises';
import { register } from 'tsx/esm/api';

await sleep(1_500);
register();
const { prepareReply, serve } = await import('../../server/services/ingestion/prepare-worker.ts');
serve(async (request) => prepareReply(request));
