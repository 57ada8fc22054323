// The body of the prepare thread (prepare-thread.ts): requests are handled one at a time, in order, and each
// answered with plain data (ParsedMail is strings, arrays, a Map and Dates, all of which survive postMessage;
// a MailParseError travels as its reason and message). No side effects on import: the entry calls serve().
import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import type { MailParseFailure } from '../../mail/parse.js';
import { parseAndClassify, type ClassifyInput, type ParsedOk } from './prepared-message.js';

export interface PrepareRequest extends ClassifyInput { id: number; raw: Uint8Array }
export type PreparedData = { sha256: string } & (
  | ParsedOk
  | { ok: false; error: { reason: MailParseFailure; message: string }; messageId: string });
export type PrepareReply = { ready: true } | ({ id: number } & PreparedData);

export async function prepareReply({ id, raw, ownAddresses, ownDomain }: PrepareRequest): Promise<PrepareReply> {
  const source = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const sha256 = createHash('sha256').update(source).digest('hex');
  const parsed = await parseAndClassify(source, { ownAddresses, ownDomain });
  if (parsed.ok) return { id, sha256, ...parsed };
  return { id, sha256, ok: false, error: { reason: parsed.error.reason, message: parsed.error.message }, messageId: parsed.messageId };
}

/** Answers requests with `handle`, one at a time and in order; then says it is ready. */
export function serve(handle: (request: PrepareRequest) => Promise<PrepareReply>): void {
  const port = parentPort!;
  const queue: PrepareRequest[] = [];
  let busy = false;
  const drain = async () => {
    if (busy) return;
    busy = true;
    while (queue.length) port.postMessage(await handle(queue.shift()!));
    busy = false;
  };
  port.on('message', (request: PrepareRequest) => {
    queue.push(request);
    void drain();
  });
  port.postMessage({ ready: true } satisfies PrepareReply);
}
