// Our own shape of a parsed message. Nothing outside server/mail sees mailparser's types, so the
// parser (in maintenance mode) can be swapped without touching ingestion, triage or the web.

export interface MailAddress {
  /** As written, trimmed; may be '' when the header had only a display name or was unparsable. */
  address: string;
  /** Display name, NFC-normalised; '' when absent. */
  name: string;
}

export interface AttachmentMeta {
  filename: string | null;
  contentType: string;
  size: number;
  sha256: string;
}

export interface ParsedMail {
  /** Normalised (no angle brackets, domain lower-cased). Synthetic when the mail had none. */
  messageId: string;
  messageIdSynthetic: boolean;
  /** Normalised; the first id of In-Reply-To, or null. */
  inReplyTo: string | null;
  /** Normalised, oldest first, as in the header. */
  references: string[];
  from: MailAddress | null;
  replyTo: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  /** Envelope recipients from Delivered-To, X-Original-To and Envelope-To, lower-cased, unique. */
  deliveredTo: string[];
  subject: string;
  /** null when missing or unparsable. */
  date: Date | null;
  text: string;
  html: string | null;
  /** Lower-cased names; unfolded values as sent (not MIME-decoded); repeated headers become arrays. */
  headers: Map<string, string | string[]>;
  attachments: AttachmentMeta[];
  /** The raw top-level Content-Type value, e.g. `multipart/report; report-type=delivery-status`. */
  contentType: string;
}

export type MailParseFailure = 'too_large' | 'timeout' | 'unparseable';

/** The only error parseMail rejects with; the caller quarantines the raw bytes by `reason`. */
export class MailParseError extends Error {
  override readonly name = 'MailParseError';
  readonly reason: MailParseFailure;

  constructor(reason: MailParseFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}

/** First value of a header (repeated headers are arrays), or undefined. */
export function headerValue(headers: ParsedMail['headers'], name: string): string | undefined {
  const value = headers.get(name.toLowerCase());
  return Array.isArray(value) ? value[0] : value;
}

/** Every value of a header, in order. */
export function headerValues(headers: ParsedMail['headers'], name: string): string[] {
  const value = headers.get(name.toLowerCase());
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
