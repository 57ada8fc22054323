// The hotline settings form as a login to try: what was typed (host, port, TLS, user, password, folder, or one of
// the agency's govmail mailboxes) turned into the IMAP login that saving stores, "test connection" tries and the
// cut-off step counts with, so the three act on the same settings (issue 15 item 4: the test used to try the
// stored ones while the form showed others). The issue-13 rules live here, once: a blank password keeps the
// stored one only for the server and login it was typed for, and plain IMAP only to loopback when allowed.
import type { Db } from '../../db/index.js';
import type { AgencyAttrs } from '../../db/models/foundation.js';
import type { ImapConfig } from '../../mail/imap.js';
import { openSecret, sealSecret } from '../crypto/index.js';
import { storedMailboxLogin } from '../provisioning/index.js';
import { hotlineMailboxOf } from './inbox-store.js';

export interface InboxForm {
  host: string; port: number; secure: boolean; user: string;
  /** empty: keep the stored password */
  password: string;
  folder: string; pollIntervalS: number;
  /** a mailbox of the agency whose password govmail keeps: user and password are then not used */
  mailbox?: string;
  /** plain IMAP (no TLS) explicitly allowed; only ever for a loopback host (checkInboxTransport) */
  allowPlain?: boolean;
  /** the typed password of a form that went through the cut-off confirmation, sealed (sealFormPassword) */
  sealedPassword?: string;
}

/** `reason` names the rule that refused the field (the page words it): required, again, needs_allow, not_loopback. */
export class InboxFormError extends Error {
  constructor(readonly field: keyof InboxForm, message: string, readonly reason = message) { super(message); }
}

const LOOPBACK_HOST = /^(127(\.\d{1,3}){3}|::1|\[::1\]|localhost)$/i;

export const isLoopbackHost = (host: string): boolean => LOOPBACK_HOST.test(host.trim());

/**
 * The transport rule of every way an inbox is set (admin form, `hotline:set`): plain IMAP sends the password in
 * clear text, so it is taken only when explicitly allowed and only to a loopback host (govmail's own Dovecot
 * beside it). Throws InboxFormError on the field to fix.
 */
export function checkInboxTransport(host: string, secure: boolean, allowPlain: boolean): void {
  if (secure) return;
  if (!isLoopbackHost(host)) throw new InboxFormError('allowPlain', 'plain IMAP only to a loopback host: turn on TLS', 'not_loopback');
  if (!allowPlain) throw new InboxFormError('allowPlain', 'plain IMAP (no TLS) must be allowed explicitly', 'needs_allow');
}

/** The form as a login: `cfg` to connect with, and the URL setHotlineInbox (typed login) or setHotlineMailbox
 *  (`server`, a govmail mailbox) stores. */
export type ResolvedInbox =
  | { via: 'login'; cfg: ImapConfig; imapUrl: string; passwordChanged: boolean }
  | { via: 'mailbox'; cfg: ImapConfig; server: string; mailbox: string };

/** How long a typed password sealed into the confirmation page stays usable. */
const SEALED_PASSWORD_TTL_MS = 15 * 60_000;

const bindingOf = (agencyId: number, form: InboxForm) =>
  JSON.stringify([agencyId, form.host.toLowerCase(), form.port, form.user, form.secure]);

/**
 * The typed password, sealed for the confirmation page to post back instead of the password itself (a page never
 * carries it readable). It opens only for the same agency, host, port, user and TLS and for a short while, so a
 * sealed box cannot be replayed toward another server (the issue-13 rule).
 */
export function sealFormPassword(secretKey: string, agencyId: number, form: InboxForm, now = Date.now()): string {
  return sealSecret(JSON.stringify({ p: form.password, b: bindingOf(agencyId, form), until: now + SEALED_PASSWORD_TTL_MS }), secretKey);
}

function openFormPassword(secretKey: string, agencyId: number, form: InboxForm, now = Date.now()): string {
  try {
    const box = JSON.parse(openSecret(form.sealedPassword!, secretKey)) as { p?: unknown; b?: unknown; until?: unknown };
    if (typeof box.p === 'string' && box.b === bindingOf(agencyId, form) && typeof box.until === 'number' && box.until > now) return box.p;
  } catch {
    // altered, another key, or not one of ours: as if nothing was sealed
  }
  throw new InboxFormError('password', 'type the password again', 'again');
}

function serverUrl(form: InboxForm): URL {
  const url = new URL(`${form.secure ? 'imaps' : 'imap'}://placeholder/`);
  url.hostname = form.host;
  url.port = String(form.port);
  url.pathname = `/${encodeURIComponent(form.folder)}`;
  url.searchParams.set('tls', String(form.secure));
  return url;
}

/** Checks the form by the rules above and gives the login it means; throws InboxFormError or ProvisioningError. */
export async function resolveInboxForm(db: Db, secretKey: string, agency: AgencyAttrs, form: InboxForm): Promise<ResolvedInbox> {
  checkInboxTransport(form.host, form.secure, Boolean(form.allowPlain));
  const url = serverUrl(form);
  const where = { host: form.host, port: form.port, secure: form.secure, folder: form.folder };
  if (form.mailbox) {
    const box = await hotlineMailboxOf(db, agency, form.mailbox); // setHotlineMailbox's own check, so saving and testing refuse alike
    return { via: 'mailbox', cfg: { ...where, ...(await storedMailboxLogin(db, box.id, secretKey)) }, server: url.toString(), mailbox: box.address };
  }
  if (!form.user) throw new InboxFormError('user', 'required');
  const typed = form.password || (form.sealedPassword ? openFormPassword(secretKey, agency.id, form) : '');
  const existing = await db.models.HotlineInbox.findOne({ where: { agency_id: agency.id }, raw: true });
  // An inbox that read a govmail mailbox has no password of its own to keep. The stored one is kept only for
  // the server and login it was typed for.
  const own = existing && existing.mailbox_id === null ? existing : null;
  if (!typed && own && (own.imap_host.toLowerCase() !== form.host.toLowerCase() || own.imap_port !== form.port
    || own.imap_user !== form.user || Boolean(own.imap_secure) !== form.secure)) {
    throw new InboxFormError('password', 'type the password again: host, port, user or TLS changed', 'again');
  }
  const password = typed || (own ? openSecret(own.password_enc, secretKey) : '');
  if (!password) throw new InboxFormError('password', 'required');
  url.username = encodeURIComponent(form.user);
  url.password = encodeURIComponent(password);
  return { via: 'login', cfg: { ...where, user: form.user, pass: password }, imapUrl: url.toString(), passwordChanged: Boolean(typed) };
}
