// What the rules tester makes of a paste: a whole raw mail (header lines, a blank line, the body) or a body alone.
// A body alone used to go to the parser as it was, which read its first lines as headers, so its keywords were
// never seen and the tester said "no rule matches" for text that would match (issue 15 item 4). Pure.

/** An RFC 5322 field name (printable ASCII but the colon) and its colon. */
const FIELD_LINE = /^[!-9;-~]+:/;
/** Fields nearly every raw mail has: a paste with none of them is not a header block. */
const MAIL_FIELD = /^(from|to|cc|subject|date|message-id|received|return-path|delivered-to|mime-version|content-type|reply-to):/i;
/** How a body alone is sent to the parser: UTF-8 text as typed, no headers of its own. */
const BODY_ONLY_HEADERS = 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n';

export interface PastedMail {
  raw: Buffer;
  /** true when the paste had no header block and was read whole as the body */
  bodyOnly: boolean;
}

/** The paste as the raw bytes the parser takes, with CRLF line ends; a text without a header block is the body. */
export function pastedMail(text: string): PastedMail {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blank = lines.findIndex((l) => l.trim() === '');
  const head = lines.slice(0, blank < 0 ? lines.length : blank);
  const hasHeaders = head.length > 0 && FIELD_LINE.test(head[0]!) && head.every((l) => FIELD_LINE.test(l) || /^[ \t]/.test(l))
    && head.some((l) => MAIL_FIELD.test(l));
  const crlf = lines.join('\r\n');
  return hasHeaders ? { raw: Buffer.from(crlf, 'utf8'), bodyOnly: false } : { raw: Buffer.from(BODY_ONLY_HEADERS + crlf, 'utf8'), bodyOnly: true };
}
