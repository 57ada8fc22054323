// The citizen's files and the legal record of each mail on a ticket. Ingestion keeps the raw bytes exactly as
// received (raw_messages, keyed by sha256) and no copy of the parts, so attachments are parsed from those bytes on
// demand (server/mail mailAttachments). Every lookup goes through the ticket in the reader's scope first: a message
// of another agency's ticket is "not found", as the ticket page is.
import { readRows, type Db } from '../../db/index.js';
import { mailAttachments, MailParseError } from '../../mail/parse.js';
import { TicketNotFoundError } from './errors.js';
import { isDangerousFile } from './file-safety.js';
import { findScopedTicket, type AgencyIds } from './scope.js';

export interface MessageFile { part: number; filename: string; contentType: string; size: number; dangerous: boolean }

/** A name to show and to download under when the sender gave none. */
const unnamed = (part: number) => `tep-dinh-kem-${part}`;

async function rawOf(db: Db, sha256: string): Promise<Buffer | null> {
  const [raw] = await readRows<{ bytes: Buffer | Uint8Array }>(db, 'SELECT r.bytes FROM raw_messages r WHERE r.sha256 = ?', [sha256]);
  return raw ? Buffer.from(raw.bytes) : null;
}

async function scopedMessage(db: Db, ref: string, messageId: number, scope: AgencyIds) {
  const ticket = await findScopedTicket(db, ref, scope);
  const msg = Number.isSafeInteger(messageId)
    ? await db.models.Message.findOne({ where: { id: messageId, ticket_id: ticket.id, direction: 'in' }, attributes: ['id', 'sha256'] })
    : null;
  if (!msg) throw new TicketNotFoundError(`${ticket.ref}/${messageId}`);
  return { ticket, msg };
}

/** Attachments found in raw bytes; an unparseable or oversized mail lists none (it is still downloadable raw). */
async function filesIn(raw: Buffer) {
  try {
    return await mailAttachments(raw);
  } catch (e) {
    if (e instanceof MailParseError) return [];
    throw e;
  }
}

/** The attachments of each inbound message of a ticket (already loaded in scope), by message id. */
export async function ticketFiles(db: Db, messages: readonly { id: number; sha256: string }[]): Promise<Map<number, MessageFile[]>> {
  const out = new Map<number, MessageFile[]>();
  for (const m of messages) {
    const files = await filesOf(db, m.sha256);
    if (files.length) out.set(m.id, files);
  }
  return out;
}

/** Files listed per stored mail, by its sha256: the bytes under a sha256 never change (raw_messages is addressed by
 *  its content), so neither does the list, and the ticket page need not read and parse every mail of the case on
 *  every drawing. Bounded; the oldest entry goes first. */
const FILES_CACHE_MAX = 2_000;
const filesCache = new Map<string, MessageFile[]>();

async function filesOf(db: Db, sha256: string): Promise<MessageFile[]> {
  const known = filesCache.get(sha256);
  if (known) return known;
  const raw = await rawOf(db, sha256);
  // A mail not stored (yet) is not cached: its bytes may still come.
  if (!raw) return [];
  // Frozen: every request after this one shares the list.
  const files = Object.freeze((await filesIn(raw)).map((f, i) => Object.freeze({ part: i + 1, filename: f.filename ?? unnamed(i + 1), contentType: f.contentType, size: f.size,
    dangerous: isDangerousFile(f.filename, f.contentType) }))) as MessageFile[];
  if (filesCache.size >= FILES_CACHE_MAX) filesCache.delete(filesCache.keys().next().value!);
  filesCache.set(sha256, files);
  return files;
}

/** The exact bytes the mail server delivered: the legal record of one citizen mail. */
export async function rawMessage(db: Db, input: { ticketRef: string; messageId: number; scope: AgencyIds }): Promise<{ ref: string; id: number; bytes: Buffer }> {
  const { ticket, msg } = await scopedMessage(db, input.ticketRef, input.messageId, input.scope);
  const bytes = await rawOf(db, msg.sha256);
  if (!bytes) throw new TicketNotFoundError(`${ticket.ref}/${msg.id}`);
  return { ref: ticket.ref, id: msg.id, bytes };
}

/** One attachment (1-based part, in the mail's order) with its bytes. */
export async function messageFile(db: Db, input: { ticketRef: string; messageId: number; part: number; scope: AgencyIds }) {
  const { bytes, ref } = await rawMessage(db, input);
  const f = (await filesIn(bytes))[input.part - 1];
  if (!f || !Number.isSafeInteger(input.part) || input.part < 1) throw new TicketNotFoundError(`${ref}/${input.messageId}/${input.part}`);
  return { filename: f.filename ?? unnamed(input.part), contentType: f.contentType, content: f.content,
    dangerous: isDangerousFile(f.filename, f.contentType) };
}
