// Parses an uploaded table off the web process's event loop. exceljs builds the whole workbook synchronously:
// a large or hostile file parsed on the web thread stopped every other request (a zip bomb held /healthz for
// about 12 s). Here each file gets a thread of its own that ends with it, with a heap cap and a time cap, so
// the memory goes back when it is done and a stuck parse is terminated. One parse runs at a time per process,
// which bounds the memory a burst of uploads can take. The cheap refusals (size, format, the zip directory's
// sizes) run on the caller's thread first, so a zip bomb never even starts a thread.
import { Worker } from 'node:worker_threads';
import type { PackedTable } from './table-codec.js';
import { checkTableBytes } from './table-reader.js';
import { TableReadError } from './table-limits.js';
import type { ParseReply, ParseRequest } from './parse-worker.js';

export const PARSE_TIMEOUT_MS = 60_000;
/** Old-generation heap of the parse thread: a file within the limits needs well under this (see README). */
export const PARSE_HEAP_MB = 256;

const ENTRY = new URL('./parse-worker-entry.mjs', import.meta.url);
let queue: Promise<unknown> = Promise.resolve();

export interface ParseThreadOptions {
  /** the thread's entry; tests substitute misbehaving ones */
  entry?: URL;
  timeoutMs?: number;
  heapMb?: number;
}

/** The table of `bytes`, packed (table-codec.ts); rejects with TableReadError when the file cannot be read. */
export async function parseTableOffThread(bytes: Uint8Array, fileName: string, opts: ParseThreadOptions = {}): Promise<PackedTable> {
  checkTableBytes(bytes, fileName);
  const turn = queue.then(() => parseInWorker(bytes, fileName, { entry: ENTRY, timeoutMs: PARSE_TIMEOUT_MS, heapMb: PARSE_HEAP_MB, ...opts }));
  queue = turn.catch(() => undefined);
  return turn;
}

function parseInWorker(bytes: Uint8Array, fileName: string, opts: Required<ParseThreadOptions>): Promise<PackedTable> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(opts.entry, { resourceLimits: { maxOldGenerationSizeMb: opts.heapMb } });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const seconds = Math.ceil(opts.timeoutMs / 1000);
    const timer = setTimeout(() => settle(() => reject(new TableReadError('parse_timeout', `reading the file took longer than ${seconds} s`, { seconds }))), opts.timeoutMs);
    worker.on('message', (reply: ParseReply) => settle(() => {
      if (reply.ok) resolve(Buffer.from(reply.packed.buffer, reply.packed.byteOffset, reply.packed.byteLength));
      else if ('refused' in reply) reject(new TableReadError(reply.refused.id, reply.refused.message, reply.refused.params, reply.refused.row));
      else reject(new Error(`the table parser failed: ${reply.crashed}`));
    }));
    worker.on('error', (e: Error & { code?: string }) => settle(() => reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY'
      ? new TableReadError('parse_memory', `the file needs more than ${opts.heapMb} MB of memory to read`, { limit: opts.heapMb })
      : e)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the table parser thread ended (exit code ${code}) without an answer`))));
    const copy = new Uint8Array(bytes); // an exact copy to hand over: a Buffer may be a view of a larger pool
    worker.postMessage({ bytes: copy, fileName } satisfies ParseRequest, [copy.buffer]);
  });
}
