// A prepare thread entry (server/services/ingestion/prepare-worker-entry.mjs) whose parser misbehaves on
// request: a mail with "X-Test-Parser: hang" never returns (synchronous code, like a runaway regular
// expression), one with "X-Test-Parser: die" ends the thread. Every other mail is prepared for real.
import { register } from 'tsx/esm/api';

register();
const { prepareReply, serve } = await import('../../server/services/ingestion/prepare-worker.ts');
serve(async (request) => {
  const text = Buffer.from(request.raw).toString('latin1');
  if (text.includes('X-Test-Parser: hang')) for (;;) { /* stuck */ }
  if (text.includes('X-Test-Parser: die')) process.exit(7);
  return prepareReply(request);
});
