// A table parse thread entry (server/services/import/parse-worker-entry.mjs) that misbehaves on request: a file
// whose first line is "hang" never returns (synchronous code), "hog" allocates until the heap cap ends the
// thread, "die" exits without an answer. Every other file is parsed for real.
import { register } from 'tsx/esm/api';
import { parentPort } from 'node:worker_threads';

register();
const { parseReply } = await import('../../server/services/import/parse-worker.ts');
parentPort.once('message', async (request) => {
  const first = Buffer.from(request.bytes).toString('utf8').split('\n')[0];
  if (first === 'hang') for (;;) { /* stuck */ }
  if (first === 'hog') {
    const hoard = [];
    for (;;) hoard.push(new Array(1_000_000).fill(hoard.length));
  }
  if (first === 'die') process.exit(7);
  const reply = await parseReply(request);
  parentPort.postMessage(reply, reply.ok ? [reply.packed.buffer] : []);
});
