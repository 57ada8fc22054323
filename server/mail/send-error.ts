// How a failed SMTP send is classified for the outbox: retry later (temporary) or give up (permanent).
// Pure, so the table of cases is unit-tested without a server.

/** Network and protocol failures where nothing was accepted and a later attempt may succeed. */
const TEMPORARY_ERROR_CODES = new Set([
  'ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS', 'EPROTOCOL', // nodemailer's own codes
  'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND', // Node's
]);

export class SendError extends Error {
  override readonly name = 'SendError';
  constructor(
    message: string,
    /** true: do not retry (5xx, or a malformed message or envelope). */
    readonly permanent: boolean,
    /** The SMTP reply code, when the server answered (e.g. 451, 550). */
    readonly smtpCode: number | null,
    /** nodemailer's or Node's error code (EENVELOPE, ECONNECTION, ECONNREFUSED, …). */
    readonly code: string | null,
    /** The SMTP server's reply line, when there was one. */
    readonly response: string | null = null,
  ) {
    super(message);
  }
}

interface ErrorLike {
  message?: unknown;
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
}

/**
 * 5xx → permanent; 4xx → temporary; no reply and a network code (connection refused, reset, timed out,
 * closed mid-transaction) → temporary. Anything else (no recipients, a bad address, an unknown failure
 * without a reply) is permanent: retrying an error in the message itself only repeats it.
 */
export function toSendError(err: unknown): SendError {
  if (err instanceof SendError) return err;
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as ErrorLike;
  const smtpCode = typeof e.responseCode === 'number' && e.responseCode >= 200 ? e.responseCode : null;
  const code = typeof e.code === 'string' ? e.code : null;
  const response = typeof e.response === 'string' ? e.response : null;
  const message = typeof e.message === 'string' ? e.message : 'SMTP send failed';
  let permanent: boolean;
  if (smtpCode !== null && smtpCode >= 500) permanent = true;
  else if (smtpCode !== null && smtpCode >= 400) permanent = false;
  else permanent = !(code !== null && TEMPORARY_ERROR_CODES.has(code));
  return new SendError(message, permanent, smtpCode, code, response);
}
