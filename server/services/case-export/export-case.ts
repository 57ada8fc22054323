// The case export (issue 14 item 7): one zip, streamed as it is written, for inspections and courts:
//   mail/NNN-in.eml, mail/NNN-out.eml   every mail of the case: inbound exactly as stored; outbound the exact
//                                       bytes it was sent with (outbox.raw_sha256), else rebuilt from its outbox row
//                                       (a row with none kept; manifest.json marks it exact: false)
//   transcript.pdf                      the case, the conversation and the events, readable
//   events.json / events.csv            the ticket's events
//   audit.json / audit.csv              the audit rows about the case, with their chain hashes
//   viewers.json / viewers.csv          who viewed the case on the ticket page: first and last view, visits
//   manifest.json                       every file with its SHA-256 and size
// The export itself is audited (who, when) before a byte is written, so a failed download still leaves its trace.
import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { Db } from '../../db/index.js';
import { audit } from '../audit/index.js';
import { csvLine } from '../metrics/index.js';
import type { ExportActor } from './case-record.js';
import { loadCaseRecord, type CaseRecord } from './case-record.js';
import { transcriptPdf } from './transcript-pdf.js';

export interface CaseExportFile { name: string; sha256: string; size: number; exact?: boolean }
export interface CaseExport { ref: string; fileName: string; files: CaseExportFile[] }

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Writes the zip of case `ref` (in the actor's scope) to `out`; resolves when `out` has it all. */
export async function exportCase(db: Db, input: { ref: string; actor: ExportActor; now?: Date }, out: Writable): Promise<CaseExport> {
  const now = input.now ?? new Date();
  const record = await loadCaseRecord(db, input.ref, input.actor, (ticket) =>
    audit(db, { actor: input.actor.username, action: 'ticket.export', target: ticket.ref, details: null }));
  const files = await caseFiles(record, input.actor.username, now);
  const zip = new ZipFile();
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve).on('close', resolve).on('error', reject);
    zip.outputStream.on('error', reject);
  });
  zip.outputStream.pipe(out);
  const manifest: CaseExportFile[] = [];
  for (const f of files) {
    zip.addBuffer(f.bytes, f.name, { mtime: now });
    manifest.push({ name: f.name, sha256: sha(f.bytes), size: f.bytes.length, ...(f.exact === undefined ? {} : { exact: f.exact }) });
  }
  zip.addBuffer(Buffer.from(JSON.stringify({ ref: record.ticket.ref, exportedAt: now.toISOString(), exportedBy: input.actor.username, files: manifest }, null, 2)),
    'manifest.json', { mtime: now });
  zip.end();
  await done;
  return { ref: record.ticket.ref, fileName: `${record.ticket.ref}.zip`, files: manifest };
}

async function caseFiles(record: CaseRecord, by: string, now: Date): Promise<{ name: string; bytes: Buffer; exact?: boolean }[]> {
  const mails = record.mails.map((m, i) => ({ name: `mail/${String(i + 1).padStart(3, '0')}-${m.direction}.eml`, bytes: m.bytes, exact: m.exact }));
  const events = record.events.map((e) => ({ at: e.at.toISOString(), kind: e.kind, message_id: e.message_id, details: e.details }));
  const audits = record.audit.map((a) => ({ at: a.at.toISOString(), actor: a.actor, action: a.action, target: a.target, details: a.details, hash: a.hash }));
  const viewers = record.viewers.map((v) => ({ username: v.username, name: v.name, role: v.role, first_at: v.firstAt.toISOString(),
    last_at: v.lastAt.toISOString(), views: v.views }));
  const csv = (rows: Record<string, unknown>[], cols: string[]) =>
    Buffer.from(csvLine(cols) + rows.map((r) => csvLine(cols.map((c) => (r[c] === null || r[c] === undefined ? null : String(r[c]))))).join(''));
  return [...mails, { name: 'transcript.pdf', bytes: await transcriptPdf(record, by, now) },
    { name: 'events.json', bytes: Buffer.from(JSON.stringify(events, null, 2)) },
    { name: 'events.csv', bytes: csv(events, ['at', 'kind', 'message_id', 'details']) },
    { name: 'audit.json', bytes: Buffer.from(JSON.stringify(audits, null, 2)) },
    { name: 'audit.csv', bytes: csv(audits, ['at', 'actor', 'action', 'target', 'details', 'hash']) },
    { name: 'viewers.json', bytes: Buffer.from(JSON.stringify(viewers, null, 2)) },
    { name: 'viewers.csv', bytes: csv(viewers, ['username', 'name', 'role', 'first_at', 'last_at', 'views']) }];
}
