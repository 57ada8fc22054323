// Files an officer attaches to a reply (typically the official letter as PDF). Pure checks, so the rules are
// table-testable: the type is read from the file's first bytes, never from the name or the browser's claim (a
// renamed .exe is refused), the name is made safe for a mail header and a download, and the total is capped
// (REPLY_ATTACHMENT_MAX_MB) because the citizen's mailbox and our outbox table both have limits.
import type { MailAttachment } from '../outbox/index.js';
import { ReplyInputError } from './errors.js';

export const REPLY_ATTACHMENTS_MAX = 5;
export const DEFAULT_REPLY_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** Accepted types by signature; the file's name gets the matching extension. */
const KINDS: { type: string; ext: string; magic: (b: Buffer) => boolean }[] = [
  { type: 'application/pdf', ext: '.pdf', magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { type: 'image/png', ext: '.png', magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/jpeg', ext: '.jpg', magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
];

export interface UploadedFile { filename: string; bytes: Buffer }

/** A name without paths, control characters or quotes, ending in the extension of what the file really is. */
export function safeFileName(name: string, ext: string): string {
  const printable = [...name.normalize('NFC')].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f).join('');
  const base = printable.replace(/^.*[\\/]/, '').replace(/["<>:|?*]/g, '').replace(/\s+/g, ' ').trim();
  const stem = base.replace(/\.[^.]*$/, '').slice(0, 120) || 'tep-dinh-kem';
  return `${stem}${ext}`;
}

/** The files as outbox attachments, or a ReplyInputError on the 'attachment' field. Empty files (no file chosen) are skipped. */
export function checkAttachments(files: readonly UploadedFile[], maxTotalBytes: number): MailAttachment[] {
  const chosen = files.filter((f) => f.bytes.length > 0);
  if (chosen.length > REPLY_ATTACHMENTS_MAX) throw new ReplyInputError('attachment', 'too_many', { max: REPLY_ATTACHMENTS_MAX });
  const total = chosen.reduce((n, f) => n + f.bytes.length, 0);
  if (total > maxTotalBytes) throw new ReplyInputError('attachment', 'too_large', { max: Math.floor(maxTotalBytes / (1024 * 1024)) });
  return chosen.map((f) => {
    const kind = KINDS.find((k) => k.magic(f.bytes));
    if (!kind) throw new ReplyInputError('attachment', 'bad_type', { name: safeFileName(f.filename, '') });
    return { filename: safeFileName(f.filename, kind.ext), contentType: kind.type, content: f.bytes };
  });
}
