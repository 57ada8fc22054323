import { Readable } from 'node:stream';
import { simpleParser, type AddressObject, type ParsedMail as MailparserMail } from 'mailparser';
import { messageIdList, normaliseMessageId, stripMboxFromLine, syntheticMessageId } from './message-id.js';
import { MailParseError, type MailAddress, type ParsedMail } from './parsed-mail.js';
import { encodeRawUtf8Headers } from './raw-utf8-headers.js';

// The ONLY importer of mailparser (maintenance mode upstream): everything else sees ParsedMail.

export { MailParseError, headerValue, headerValues } from './parsed-mail.js';
export type { AttachmentMeta, MailAddress, MailParseFailure, ParsedMail } from './parsed-mail.js';
export { normaliseMessageId, messageIdList, stripMboxFromLine, syntheticMessageId } from './message-id.js';

export const MAIL_MAX_BYTES = 25 * 1024 * 1024;
export const MAIL_PARSE_TIMEOUT_MS = 10_000;
/** Feeding the parser in slices yields the event loop between them, so the timeout can fire. */
const FEED_CHUNK_BYTES = 64 * 1024;
/** html-to-text is synchronous; past this size we keep the HTML and give up on derived text. */
const HTML_TO_TEXT_MAX_CHARS = 5 * 1024 * 1024;

export interface ParseOptions {
  maxBytes?: number;
  timeoutMs?: number;
}

/** Parses raw RFC 5322 bytes. Rejects only with MailParseError ('too_large' | 'timeout' | 'unparseable'). */
export async function parseMail(raw: Buffer, opts: ParseOptions = {}): Promise<ParsedMail> {
  const maxBytes = opts.maxBytes ?? MAIL_MAX_BYTES;
  const timeoutMs = opts.timeoutMs ?? MAIL_PARSE_TIMEOUT_MS;
  if (raw.length > maxBytes) {
    throw new MailParseError('too_large', `message is ${raw.length} bytes, limit ${maxBytes}`);
  }
  const message = stripMboxFromLine(raw);
  // An empty delivery is not a message; quarantining it beats opening a blank ticket.
  if (message.findIndex((byte) => byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) < 0) {
    throw new MailParseError('unparseable', 'message is empty');
  }
  const mail = await runParser(encodeRawUtf8Headers(message), timeoutMs);
  try {
    return toParsedMail(mail, message);
  } catch (cause) {
    throw new MailParseError('unparseable', 'parsed message could not be read', { cause });
  }
}

async function runParser(message: Buffer, timeoutMs: number): Promise<MailparserMail> {
  const slices: Buffer[] = [];
  for (let at = 0; at < message.length; at += FEED_CHUNK_BYTES) {
    slices.push(message.subarray(at, at + FEED_CHUNK_BYTES));
  }
  const input = Readable.from(slices, { objectMode: false });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      input.destroy();
      reject(new MailParseError('timeout', `parsing took longer than ${timeoutMs} ms`));
    }, timeoutMs);
  });
  // Lean options: no text→HTML, no linkify, cid links kept (no data: URIs inflating memory).
  // The HTML→text conversion stays on: HTML-only mail would otherwise have no text.
  const options = {
    skipTextToHtml: true,
    skipTextLinks: true,
    skipImageLinks: true,
    keepCidLinks: true,
    maxHtmlLengthToParse: HTML_TO_TEXT_MAX_CHARS,
    checksumAlgo: 'sha256',
  };
  const parsing = simpleParser(input, options).catch((cause: unknown) => {
    throw new MailParseError('unparseable', `parser failed: ${errorMessage(cause)}`, { cause });
  });
  try {
    return await Promise.race([parsing, timeout]);
  } finally {
    clearTimeout(timer);
    parsing.catch(() => undefined); // the loser of the race must not become an unhandled rejection
  }
}

function toParsedMail(mail: MailparserMail, message: Buffer): ParsedMail {
  const headers = collectHeaders(mail.headerLines ?? []);
  const rawId = mail.messageId ? normaliseMessageId(mail.messageId) : '';
  const messageId = rawId || normaliseMessageId(syntheticMessageId(message));
  const envelope = ['delivered-to', 'x-original-to', 'envelope-to']
    .flatMap((name) => [headers.get(name) ?? []].flat())
    .flatMap(extractAddresses);
  const contentType = headers.get('content-type');
  return {
    messageId,
    messageIdSynthetic: !rawId,
    inReplyTo: messageIdList(mail.inReplyTo)[0] ?? null,
    references: messageIdList([mail.references ?? []].flat().join(' ')),
    from: addresses(mail.from)[0] ?? null,
    replyTo: addresses(mail.replyTo),
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    deliveredTo: [...new Set(envelope)],
    subject: nfc(mail.subject ?? ''),
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
    text: nfc(mail.text ?? ''),
    html: typeof mail.html === 'string' ? mail.html : null,
    headers,
    attachments: mail.attachments.map((a) => ({
      filename: a.filename ? nfc(a.filename) : null,
      // mailparser gives a part with an empty Content-Type `false` (its types say string); triage reads it as text.
      contentType: typeof a.contentType === 'string' && a.contentType ? a.contentType : 'application/octet-stream',
      size: a.size,
      sha256: a.checksum,
    })),
    contentType: (Array.isArray(contentType) ? contentType[0] : contentType) ?? 'text/plain',
  };
}

function collectHeaders(lines: readonly { key: string; line: string }[]): Map<string, string | string[]> {
  const headers = new Map<string, string | string[]>();
  for (const { key, line } of lines) {
    const unfolded = line.replace(/\r?\n(?=[ \t])/g, '');
    const value = unfolded.slice(unfolded.indexOf(':') + 1).trim();
    const name = key.toLowerCase();
    const existing = headers.get(name);
    if (existing === undefined) headers.set(name, value);
    else headers.set(name, [existing, value].flat());
  }
  return headers;
}

function addresses(field: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (!field) return [];
  const out: MailAddress[] = [];
  for (const object of [field].flat()) {
    for (const entry of object.value) {
      const members = entry.group ?? [entry];
      for (const m of members) out.push({ address: (m.address ?? '').trim(), name: nfc(m.name ?? '') });
    }
  }
  return out;
}

function extractAddresses(value: string): string[] {
  return (value.match(/[^\s<>,;:"]+@[^\s<>,;:"]+/g) ?? []).map((a) => a.toLowerCase());
}

function nfc(value: string): string {
  return value.normalize('NFC');
}

function errorMessage(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/** One attachment with its bytes, for downloads; `filename` as the sender wrote it (hostile: never trust it). */
export interface AttachmentFile { filename: string | null; contentType: string; size: number; content: Buffer }

/**
 * The attachments of stored raw bytes, parsed on demand (ingestion keeps only the raw mail, not its parts).
 * Same caps and timeout as parseMail; a mail that is not multipart has none, and skips the parser.
 */
export async function mailAttachments(raw: Buffer, opts: ParseOptions = {}): Promise<AttachmentFile[]> {
  if (!mayHaveAttachments(raw)) return [];
  if (raw.length > (opts.maxBytes ?? MAIL_MAX_BYTES)) throw new MailParseError('too_large', `message is ${raw.length} bytes`);
  const mail = await runParser(encodeRawUtf8Headers(stripMboxFromLine(raw)), opts.timeoutMs ?? MAIL_PARSE_TIMEOUT_MS);
  return mail.attachments.map((a) => ({
    filename: a.filename ? nfc(a.filename) : null,
    contentType: typeof a.contentType === 'string' && a.contentType ? a.contentType : 'application/octet-stream',
    size: a.size,
    content: a.content,
  }));
}

/** A single-part mail (Content-Type not multipart/*) carries no attachment: the header block tells without parsing. */
function mayHaveAttachments(raw: Buffer): boolean {
  const head = raw.subarray(0, Math.min(raw.length, 64 * 1024)).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const headers = (end < 0 ? head : head.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const type = /^content-type:[ \t]*([^;\r\n]*)/im.exec(headers);
  return Boolean(type && /^\s*multipart\//i.test(type[1]!));
}
