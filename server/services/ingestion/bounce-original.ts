import { messageIdList, stripMboxFromLine } from '../../mail/message-id.js';
import type { ParsedMail } from '../../mail/parsed-mail.js';

// A bounce is useful only if we can tie it to the ticket whose reply failed (Zammad
// bounce_follow_up_check). The original Message-ID lives in the returned headers, which
// mailparser treats as an opaque attachment, so we read the raw bytes ourselves.

const RETURNED_PART = /^content-type:[ \t]*(message\/(rfc822|global|global-headers)|text\/rfc822-headers)\b/gim;
const BLANK_LINE = /\r?\n[ \t]*\r?\n/g;
const MESSAGE_ID_HEADER = /^message-id:[ \t]*((?:.*)(?:\r?\n[ \t]+.*)*)/im;
/** Returned headers sit near the part header; never scan a whole multi-MiB attachment. */
const RETURNED_HEADER_SCAN_CHARS = 64 * 1024;

/**
 * The Message-ID of the mail that bounced, normalised, or null. Looks in the returned
 * message/rfc822 or text/rfc822-headers part, then In-Reply-To, then a `Message-ID:` line quoted
 * in the body (qmail and home-grown MTAs paste the original inline).
 */
export function bounceOriginalMessageId(mail: ParsedMail, raw: Buffer): string | null {
  const text = stripMboxFromLine(raw).toString('latin1');
  const bodyStart = indexAfterBlankLine(text, 0);
  if (bodyStart < 0) return mail.inReplyTo;
  for (const match of text.slice(bodyStart).matchAll(RETURNED_PART)) {
    const partBody = indexAfterBlankLine(text, bodyStart + (match.index ?? 0));
    if (partBody < 0) continue;
    const id = messageIdIn(embeddedHeaderBlock(text, partBody));
    if (id) return id;
  }
  if (mail.inReplyTo) return mail.inReplyTo;
  return messageIdIn(text.slice(bodyStart, bodyStart + RETURNED_HEADER_SCAN_CHARS * 4));
}

function indexAfterBlankLine(text: string, from: number): number {
  BLANK_LINE.lastIndex = from;
  const match = BLANK_LINE.exec(text);
  return match ? match.index + match[0].length : -1;
}

/** The returned message's header block: from the part body (leading blanks skipped) to its blank line. */
function embeddedHeaderBlock(text: string, start: number): string {
  const window = text.slice(start, start + RETURNED_HEADER_SCAN_CHARS).replace(/^\s+/, '');
  const end = /\r?\n[ \t]*\r?\n/.exec(window);
  return end ? window.slice(0, end.index) : window;
}

function messageIdIn(block: string): string | null {
  const match = MESSAGE_ID_HEADER.exec(block);
  if (!match) return null;
  return messageIdList(match[1])[0] ?? null;
}
