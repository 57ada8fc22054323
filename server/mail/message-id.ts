import { createHash } from 'node:crypto';

// Pure Message-ID helpers, kept apart from the parser so threading and dedupe can use them
// without loading mailparser.

export const SYNTHETIC_ID_DOMAIN = 'govmail.invalid';
/** Bytes of the body (after the header block) that feed the synthetic id. */
const SYNTHETIC_BODY_PREFIX_BYTES = 64 * 1024;
/** Headers that relays prepend or rewrite on each delivery; they must not change the synthetic id. */
const TRACE_HEADERS = new Set([
  'received', 'return-path', 'delivered-to', 'x-original-to', 'envelope-to', 'x-received',
  'dkim-signature', 'arc-seal', 'arc-message-signature', 'arc-authentication-results',
  'authentication-results', 'received-spf', 'x-spam-status', 'x-spam-flag', 'x-spam-score',
]);

/**
 * `<id>` → `id` with the domain part lower-cased (local parts are case-sensitive per RFC 5322,
 * domains are not). Only the first `<…>` token counts when a header carries junk around it.
 */
export function normaliseMessageId(id: string): string {
  let value = id.trim();
  const bracketed = /<([^<>]*)>/.exec(value);
  if (bracketed) value = bracketed[1].trim();
  // No control character belongs in a msg-id (RFC 5322 §3.6.4), and mailparser decodes encoded words here, so
  // "=?utf-8?B?AA?=" arrives as a NUL, which SQLite's literals end at.
  // eslint-disable-next-line no-control-regex
  value = value.replace(/^<+|>+$/g, '').replace(/[\s\u0000-\u001f\u007f]+/g, '');
  const at = value.lastIndexOf('@');
  if (at < 0) return value;
  return value.slice(0, at) + '@' + value.slice(at + 1).toLowerCase();
}

/** Every `<…>` id in a References/In-Reply-To value, normalised, duplicates dropped, order kept. */
export function messageIdList(value: string | undefined): string[] {
  if (!value) return [];
  const found = value.match(/<[^<>]+>/g) ?? value.split(/[\s,]+/);
  const ids = found.map(normaliseMessageId).filter((id) => id.length > 0);
  return [...new Set(ids)];
}

/** Drops a leading mbox `From ` envelope line (several corpus files start with one). */
export function stripMboxFromLine(raw: Buffer): Buffer {
  if (raw.length < 5 || raw.toString('latin1', 0, 5) !== 'From ') return raw;
  const eol = raw.indexOf(0x0a);
  return eol < 0 ? Buffer.alloc(0) : raw.subarray(eol + 1);
}

/**
 * Deterministic id for mail without a Message-ID, so a re-delivered copy dedupes. It hashes the
 * header block minus trace headers (relays add Received etc. on every hop) plus a body prefix.
 */
export function syntheticMessageId(raw: Buffer): string {
  const message = stripMboxFromLine(raw);
  const text = message.toString('latin1');
  const split = /\r?\n\r?\n/.exec(text);
  const headerEnd = split ? split.index : text.length;
  const bodyStart = split ? split.index + split[0].length : text.length;
  const kept = unfoldHeaderLines(text.slice(0, headerEnd))
    .filter((line) => !TRACE_HEADERS.has(line.slice(0, line.indexOf(':')).trim().toLowerCase()));
  const hash = createHash('sha256')
    .update(kept.join('\n'), 'latin1')
    .update('\n\n')
    .update(message.subarray(bodyStart, bodyStart + SYNTHETIC_BODY_PREFIX_BYTES))
    .digest('hex');
  return `<${hash}@${SYNTHETIC_ID_DOMAIN}>`;
}

function unfoldHeaderLines(block: string): string[] {
  const lines: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && lines.length > 0) lines[lines.length - 1] += ' ' + line.trim();
    else if (line.length > 0) lines.push(line.trimEnd());
  }
  return lines;
}
