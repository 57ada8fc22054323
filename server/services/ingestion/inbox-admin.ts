// What the admin page shows and changes about hotline inboxes. The stored password never leaves this module
// in readable form: the status rows carry no secret, and a blank password on the form means "keep the
// stored one" (it is opened here only to rebuild the URL setHotlineInbox takes) — but only while host, port,
// user and TLS stay as stored, since otherwise it would be sent to whatever server was typed in (issue 13 item 3).
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { HotlineInboxAttrs } from '../../db/models/hotline.js';
import { testImapConnection, type ImapConfig } from '../../mail/imap.js';
import { audit } from '../audit/index.js';
import { openSecret } from '../crypto/index.js';
import { inboxImapConfig, setHotlineInbox, setHotlineMailbox } from './inbox-store.js';
import { storedLoginMailboxes } from '../provisioning/index.js';
import { findAgencyByCode } from '../org/index.js';

export interface InboxStatus {
  agencyId: number; code: string; name: string; address: string | null;
  inbox: (Omit<HotlineInboxAttrs, 'password_enc'> & { hasPassword: boolean }) | null;
}

/** Agencies in `scope` (undefined = all), each with its inbox settings and state, by code. */
export async function listInboxStatus(db: Db, scope?: number[]): Promise<InboxStatus[]> {
  const agencies = await db.models.Agency.findAll({ where: scope ? { id: { [Op.in]: scope } } : {}, order: [['code', 'ASC']], raw: true });
  const inboxes = await db.models.HotlineInbox.findAll({ where: { agency_id: { [Op.in]: agencies.map((a) => a.id) } }, raw: true });
  const byAgency = new Map(inboxes.map((i) => [i.agency_id, i as HotlineInboxAttrs]));
  return agencies.map((a) => {
    const row = byAgency.get(a.id);
    const inbox = row ? (({ password_enc, ...rest }) => ({ ...rest, hasPassword: Boolean(password_enc) || rest.mailbox_id !== null }))(row) : null;
    return { agencyId: a.id, code: a.code, name: a.name, address: a.hotline_address, inbox };
  });
}

export interface InboxForm {
  host: string; port: number; secure: boolean; user: string;
  /** empty: keep the stored password */
  password: string;
  folder: string; pollIntervalS: number;
  /** a mailbox of the agency whose password govmail keeps: user and password are then not used */
  mailbox?: string;
  /** plain IMAP (no TLS) explicitly allowed; only ever for a loopback host (checkInboxTransport) */
  allowPlain?: boolean;
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

/** The agency's mailboxes a hotline can read without a typed password (shared mailboxes govmail made). */
export const inboxMailboxChoices = (db: Db, agencyId: number) => storedLoginMailboxes(db, agencyId);

export async function saveInboxSettings(db: Db, secretKey: string, agencyCode: string, form: InboxForm, actor: string): Promise<HotlineInboxAttrs> {
  const agency = await findAgencyByCode(db, agencyCode);
  if (!agency) throw new Error(`unknown agency ${agencyCode}`);
  checkInboxTransport(form.host, form.secure, Boolean(form.allowPlain));
  const url = new URL(`${form.secure ? 'imaps' : 'imap'}://placeholder/`);
  url.hostname = form.host;
  url.port = String(form.port);
  url.pathname = `/${encodeURIComponent(form.folder)}`;
  url.searchParams.set('tls', String(form.secure));
  if (form.mailbox) {
    const inbox = await setHotlineMailbox(db, { agencyCode, agency, mailbox: form.mailbox, server: url.toString(), pollIntervalS: form.pollIntervalS });
    await audit(db, { actor, action: 'hotline.settings_changed', target: `agency:${agencyCode}`,
      details: { host: form.host, port: form.port, mailbox: inbox.imap_user, folder: form.folder, interval: form.pollIntervalS } });
    return inbox;
  }
  if (!form.user) throw new InboxFormError('user', 'required');
  const existing = await db.models.HotlineInbox.findOne({ where: { agency_id: agency.id } });
  // An inbox that read a govmail mailbox has no password of its own to keep. The stored one is kept only for
  // the server and login it was typed for.
  const own = existing && existing.mailbox_id === null ? existing : null;
  if (!form.password && own && (own.imap_host.toLowerCase() !== form.host.toLowerCase() || own.imap_port !== form.port
    || own.imap_user !== form.user || Boolean(own.imap_secure) !== form.secure)) {
    throw new InboxFormError('password', 'type the password again: host, port, user or TLS changed', 'again');
  }
  const password = form.password || (own ? openSecret(own.password_enc, secretKey) : '');
  if (!password) throw new InboxFormError('password', 'required');
  url.username = encodeURIComponent(form.user);
  url.password = encodeURIComponent(password);
  const inbox = await setHotlineInbox(db, secretKey, { agencyCode, agency, imapUrl: url.toString(), pollIntervalS: form.pollIntervalS });
  await audit(db, { actor, action: 'hotline.settings_changed', target: `agency:${agencyCode}`,
    details: { host: form.host, port: form.port, user: form.user, folder: form.folder, interval: form.pollIntervalS, passwordChanged: Boolean(form.password) } });
  return inbox;
}

export type ConnectionTest =
  | { ok: true; uidValidity: string; uidNext: number }
  /** one outcome for every connection failure: what failed (closed port, TLS, login, folder) goes to the log only,
   *  so the test tells an admin nothing about a host that the log does not tell the operator */
  | { ok: false; kind: 'failed' | 'not_configured' };

/**
 * Logs in with the stored settings and opens the folder; never throws for IMAP trouble. Each test is audited
 * (who, which inbox, host, outcome). A stored plain-IMAP login to a host that is not loopback (saved before the
 * rule) is not tried.
 */
/** Where a failed test's details go: the web's pino logger, the CLI's stderr. */
export interface TestLog { warn(details: object, message: string): void }

export async function testInboxConnection(db: Db, secretKey: string, agencyId: number, actor: string, log?: TestLog): Promise<ConnectionTest> {
  const agency = await db.models.Agency.findByPk(agencyId, { raw: true });
  const row = await db.models.HotlineInbox.findOne({ where: { agency_id: agencyId }, raw: true }) as HotlineInboxAttrs | null;
  const target = `agency:${agency?.code ?? agencyId}`;
  if (!row) {
    await audit(db, { actor, action: 'hotline.connection_tested', target, details: { outcome: 'not_configured' } });
    return { ok: false, kind: 'not_configured' };
  }
  const where = { host: row.imap_host, port: row.imap_port, secure: Boolean(row.imap_secure), user: row.imap_user };
  let result: ConnectionTest;
  let outcome: string;
  if (!where.secure && !isLoopbackHost(where.host)) {
    log?.warn({ ...where, target }, 'hotline connection test refused: plain IMAP to a host that is not loopback');
    result = { ok: false, kind: 'failed' };
    outcome = 'refused_plain';
  } else {
    let cfg: ImapConfig | null = null;
    try {
      cfg = await inboxImapConfig(db, row, secretKey);
      result = { ok: true, ...(await testImapConnection(cfg)) };
      outcome = 'ok';
    } catch (e) {
      const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      // A server may echo what it was sent; the password never reaches the log.
      log?.warn({ ...where, target, error: cfg?.pass ? message.split(cfg.pass).join('[redacted]') : message }, 'hotline connection test failed');
      result = { ok: false, kind: 'failed' };
      outcome = 'failed';
    }
  }
  await audit(db, { actor, action: 'hotline.connection_tested', target, details: { ...where, outcome } });
  return result;
}
