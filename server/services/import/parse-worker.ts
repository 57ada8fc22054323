// The body of the table parse thread (parse-thread.ts): parses one file, answers with the packed table or the
// reason it cannot be read, and is then terminated. No side effects on import: the entry calls serveOneParse().
import { parentPort } from 'node:worker_threads';
import { packTable } from './table-codec.js';
import { parseTable, TableReadError, type TableReadErrorId } from './table-reader.js';

export interface ParseRequest { bytes: Uint8Array; fileName: string }
export type ParseReply =
  | { ok: true; packed: Uint8Array }
  | { ok: false; refused: { id: TableReadErrorId; message: string; params: Record<string, string | number>; row?: number } }
  | { ok: false; crashed: string };

export async function parseReply({ bytes, fileName }: ParseRequest): Promise<ParseReply> {
  try {
    return { ok: true, packed: new Uint8Array(packTable(await parseTable(bytes, fileName))) };
  } catch (e) {
    if (e instanceof TableReadError) return { ok: false, refused: { id: e.id, message: e.message, params: e.params, row: e.row } };
    return { ok: false, crashed: e instanceof Error ? e.message : String(e) };
  }
}

export function serveOneParse(): void {
  parentPort!.once('message', async (request: ParseRequest) => {
    const reply = await parseReply(request);
    parentPort!.postMessage(reply, reply.ok ? [reply.packed.buffer as ArrayBuffer] : []);
  });
}
