// The one importer of nodemailer: sends one message over SMTP and turns every failure into a SendError.
// Deliberately thin: retries, backoff and idempotency belong to the outbox, which must see every failure.
// So a plain SMTPTransport, never the pool (which may resend a message on a fresh connection by itself).
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { toSendError } from './send-error.js';

export { SendError, toSendError } from './send-error.js';

/** Generous enough for a slow relay, short enough that a dead one frees the outbox worker. */
const CONNECTION_TIMEOUT_MS = 20_000;
const GREETING_TIMEOUT_MS = 20_000;
const SOCKET_IDLE_TIMEOUT_MS = 60_000;

export interface DkimKey {
  domainName: string;
  keySelector: string;
  /** PEM */
  privateKey: string;
}

export interface OutgoingMessage {
  from: string;
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  /** `<id@domain>`; nodemailer makes one when absent. */
  messageId?: string;
  inReplyTo?: string;
  references?: string | string[];
  /** files from the outbox (bytes in memory; file and URL access stay disabled) */
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

export interface SendResult {
  messageId: string;
  /** The server's final reply, e.g. "250 2.0.0 Ok: queued as …". */
  response: string;
  /** Recipients the server refused while accepting others (a partial success). */
  rejected: string[];
}

export interface MailTransport {
  /** Resolves when the server accepted the message; rejects with a SendError. */
  send(msg: OutgoingMessage): Promise<SendResult>;
  /**
   * The message as MIME bytes, DKIM-signed when a key is configured: exactly what sendRaw then puts on the wire,
   * so the outbox can keep the legal record of a mail before sending it.
   */
  build(msg: OutgoingMessage): Promise<Buffer>;
  /** Sends bytes from build() unchanged (no second signature, no re-encoding); rejects with a SendError. */
  sendRaw(envelope: { from: string; to: string[] }, raw: Buffer): Promise<SendResult>;
  /** Connects and greets (and authenticates when the URL has credentials); rejects with a SendError. */
  verify(): Promise<void>;
  close(): void;
}

const addresses = (list: unknown): string[] =>
  Array.isArray(list) ? list.map((a) => (typeof a === 'string' ? a : String((a as { address?: string }).address))) : [];

/**
 * `smtp://[user:pass@]host[:port][?requireTLS=true]` (STARTTLS when offered) or `smtps://…` (TLS from the
 * start). Parsed here rather than passed as nodemailer's `url`, because nodemailer then ignores every
 * other option (timeouts, DKIM) and would honour `?pool=true` from the URL.
 */
export function smtpOptionsFromUrl(smtpUrl: string): SMTPTransport.Options {
  const u = new URL(smtpUrl);
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new Error(`SMTP URL must start with smtp:// or smtps://, not ${u.protocol}`);
  const flag = (name: string) => u.searchParams.get(name) === 'true';
  return {
    host: u.hostname,
    ...(u.port ? { port: Number(u.port) } : {}),
    secure: u.protocol === 'smtps:',
    requireTLS: flag('requireTLS'),
    ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
  };
}

export function createMailTransport(smtpUrl: string, opts: { dkim?: DkimKey } = {}): MailTransport {
  const options: SMTPTransport.Options = {
    ...smtpOptionsFromUrl(smtpUrl),
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: GREETING_TIMEOUT_MS,
    socketTimeout: SOCKET_IDLE_TIMEOUT_MS,
    // Message fields come from templates and tickets; never let them read local files or fetch URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
    ...(opts.dkim ? { dkim: opts.dkim } : {}),
  };
  const transporter = nodemailer.createTransport(options);
  // Raw bytes were signed when built: the wire transport must not sign (or touch) them again.
  const { dkim: _signedAtBuild, ...rawOptions } = options;
  const rawTransporter = nodemailer.createTransport(rawOptions);
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows', disableFileAccess: true, disableUrlAccess: true,
    ...(opts.dkim ? { dkim: opts.dkim } : {}) });
  return {
    async build(msg) {
      const info = await composer.sendMail(msg);
      // SMTP puts every line end on the wire as CRLF; a quoted-printable body may still hold bare LFs here, so
      // they become CRLF now and the bytes kept are the bytes the relay receives (DKIM's canonical form is unchanged).
      return Buffer.from((info.message as Buffer).toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
    },
    async sendRaw(envelope, raw) {
      try {
        const info = await rawTransporter.sendMail({ envelope, raw });
        return { messageId: info.messageId, response: info.response, rejected: addresses(info.rejected) };
      } catch (e) {
        throw toSendError(e);
      }
    },
    async send(msg) {
      try {
        const info = await transporter.sendMail(msg);
        return { messageId: info.messageId, response: info.response, rejected: addresses(info.rejected) };
      } catch (e) {
        throw toSendError(e);
      }
    },
    async verify() {
      try {
        await transporter.verify();
      } catch (e) {
        throw toSendError(e);
      }
    },
    close: () => { transporter.close(); rawTransporter.close(); },
  };
}

/**
 * The RFC 5322 bytes of a message as nodemailer would build them, without sending (the case export's copy of an
 * outbound mail whose sent bytes were not kept). File and URL access stay disabled, as when sending.
 */
export function composeMail(msg: OutgoingMessage): Promise<Buffer> {
  const mail = new MailComposer({ ...msg, disableFileAccess: true, disableUrlAccess: true });
  return new Promise((resolve, reject) => mail.compile().build((err, bytes) => (err ? reject(err) : resolve(bytes))));
}
