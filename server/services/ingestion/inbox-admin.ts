// What the admin page shows and changes about hotline inboxes: the status rows (no secret in them), saving the
// form (with the history cut-off of `hotline:set --history-before`, the one path), testing what the form shows,
// and counting the mail already in the box before a save starts it over. The form becomes a login in
// inbox-form.ts, which keeps the issue-13 rules about the stored password.
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { HotlineInboxAttrs } from '../../db/models/hotline.js';
import { testImapConnection, withImapMailbox, type ImapConfig } from '../../mail/imap.js';
import { audit } from '../audit/index.js';
import { inboxFailureKind, inboxImapConfig, setHotlineInbox, setHotlineMailbox, type InboxFailureKind } from './inbox-store.js';
import { isLoopbackHost, resolveInboxForm, type InboxForm } from './inbox-form.js';
import { storedLoginMailboxes } from '../provisioning/index.js';
import { findAgencyByCode } from '../org/index.js';

export interface InboxStatus {
  agencyId: number; code: string; name: string; address: string | null;
  inbox: (Omit<HotlineInboxAttrs, 'password_enc'> & { hasPassword: boolean; failureKind: InboxFailureKind | null }) | null;
}

/** Agencies in `scope` (undefined = all), each with its inbox settings and state, by code. */
export async function listInboxStatus(db: Db, scope?: number[]): Promise<InboxStatus[]> {
  const agencies = await db.models.Agency.findAll({ where: scope ? { id: { [Op.in]: scope } } : {}, order: [['code', 'ASC']], raw: true });
  const inboxes = await db.models.HotlineInbox.findAll({ where: { agency_id: { [Op.in]: agencies.map((a) => a.id) } }, raw: true });
  const byAgency = new Map(inboxes.map((i) => [i.agency_id, i as HotlineInboxAttrs]));
  return agencies.map((a) => {
    const row = byAgency.get(a.id);
    const inbox = row ? (({ password_enc, ...rest }) => ({
      ...rest, hasPassword: Boolean(password_enc) || rest.mailbox_id !== null,
      failureKind: rest.last_error ? inboxFailureKind(rest.last_error) : null,
    }))(row) : null;
    return { agencyId: a.id, code: a.code, name: a.name, address: a.hotline_address, inbox };
  });
}

/** The agency's mailboxes a hotline can read without a typed password (shared mailboxes govmail made). */
export const inboxMailboxChoices = (db: Db, agencyId: number) => storedLoginMailboxes(db, agencyId);

export interface SaveOptions {
  /** mail the server received before this is history (no receipt, no clock): `hotline:set --history-before`'s
   *  path. Undefined keeps the stored cut-off; a new inbox without one takes "now". */
  historyCutoff?: Date;
}

export async function saveInboxSettings(db: Db, secretKey: string, agencyCode: string, form: InboxForm, actor: string, opts: SaveOptions = {}): Promise<HotlineInboxAttrs> {
  const agency = await findAgencyByCode(db, agencyCode);
  if (!agency) throw new Error(`unknown agency ${agencyCode}`);
  const resolved = await resolveInboxForm(db, secretKey, agency, form);
  const common = { agencyCode, agency, pollIntervalS: form.pollIntervalS, ...(opts.historyCutoff ? { historyCutoff: opts.historyCutoff } : {}) };
  const cutoff = opts.historyCutoff ? { historyCutoff: opts.historyCutoff.toISOString() } : {};
  if (resolved.via === 'mailbox') {
    const inbox = await setHotlineMailbox(db, { ...common, mailbox: resolved.mailbox, server: resolved.server });
    await audit(db, { actor, action: 'hotline.settings_changed', target: `agency:${agencyCode}`,
      details: { host: form.host, port: form.port, mailbox: inbox.imap_user, folder: form.folder, interval: form.pollIntervalS, ...cutoff } });
    return inbox;
  }
  const inbox = await setHotlineInbox(db, secretKey, { ...common, imapUrl: resolved.imapUrl });
  await audit(db, { actor, action: 'hotline.settings_changed', target: `agency:${agencyCode}`,
    details: { host: form.host, port: form.port, user: form.user, folder: form.folder, interval: form.pollIntervalS, passwordChanged: resolved.passwordChanged, ...cutoff } });
  return inbox;
}

/**
 * Whether saving this form starts the inbox over (a new inbox, or another server, login or folder: the cursor
 * restarts), so the mail already in the box must be told apart from new mail: the cut-off question.
 */
export async function inboxStartsOver(db: Db, secretKey: string, agencyCode: string, form: InboxForm): Promise<boolean> {
  const agency = await findAgencyByCode(db, agencyCode);
  if (!agency) throw new Error(`unknown agency ${agencyCode}`);
  const existing = await db.models.HotlineInbox.findOne({ where: { agency_id: agency.id }, raw: true });
  if (!existing) return true;
  const next = (await resolveInboxForm(db, secretKey, agency, form)).cfg;
  // upsertInbox's rule for a moved inbox (inbox-store.ts)
  return existing.imap_host !== next.host || existing.imap_user !== next.user || existing.imap_folder !== next.folder;
}

export type MailCount = { ok: true; total: number; history: number; fresh: number } | { ok: false };

/** Logs in with the form's settings and counts the mail already in the folder on each side of `cutoff` (by when
 *  the server received it, as ingestion decides). Never throws for IMAP trouble: `{ ok: false }`, details logged. */
export async function countInboxMail(db: Db, secretKey: string, agencyCode: string, form: InboxForm, cutoff: Date, log?: TestLog): Promise<MailCount> {
  const agency = await findAgencyByCode(db, agencyCode);
  if (!agency) throw new Error(`unknown agency ${agencyCode}`);
  const { cfg } = await resolveInboxForm(db, secretKey, agency, form);
  try {
    const dates = await withImapMailbox(cfg, (m) => m.internalDates());
    const history = dates.filter((d) => d !== null && d < cutoff).length;
    return { ok: true, total: dates.length, history, fresh: dates.length - history };
  } catch (e) {
    log?.warn({ host: cfg.host, port: cfg.port, user: cfg.user, target: `agency:${agencyCode}`, error: redacted(e, cfg.pass) }, 'hotline mail count failed');
    return { ok: false };
  }
}

const redacted = (e: unknown, pass: string) => {
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  // A server may echo what it was sent; the password never reaches the log.
  return pass ? message.split(pass).join('[redacted]') : message;
};

export type ConnectionTest =
  | { ok: true; uidValidity: string; uidNext: number }
  /** one outcome for every connection failure: what failed (closed port, TLS, login, folder) goes to the log only,
   *  so the test tells an admin nothing about a host that the log does not tell the operator */
  | { ok: false; kind: 'failed' | 'not_configured' };

/** Where a failed test's details go: the web's pino logger, the CLI's stderr. */
export interface TestLog { warn(details: object, message: string): void }

/**
 * Logs in and opens the folder; never throws for IMAP trouble. With `form`, what the form shows (typed settings,
 * checked by resolveInboxForm's rules first, which throw InboxFormError before anything is sent); without it, the
 * stored settings (`hotline:set --test`). Each test is audited (who, which inbox, host, whether from the form,
 * outcome). A stored plain-IMAP login to a host that is not loopback (saved before the rule) is not tried.
 */
export async function testInboxConnection(db: Db, secretKey: string, agencyId: number, actor: string, log?: TestLog, form?: InboxForm): Promise<ConnectionTest> {
  const agency = await db.models.Agency.findByPk(agencyId, { raw: true });
  const target = `agency:${agency?.code ?? agencyId}`;
  if (form && agency) {
    const { cfg } = await resolveInboxForm(db, secretKey, agency, form);
    return attemptLogin(db, cfg, { target, actor, log, details: { host: cfg.host, port: cfg.port, secure: cfg.secure, user: cfg.user, from: 'form' } });
  }
  const row = await db.models.HotlineInbox.findOne({ where: { agency_id: agencyId }, raw: true }) as HotlineInboxAttrs | null;
  if (!row) {
    await audit(db, { actor, action: 'hotline.connection_tested', target, details: { outcome: 'not_configured' } });
    return { ok: false, kind: 'not_configured' };
  }
  const where = { host: row.imap_host, port: row.imap_port, secure: Boolean(row.imap_secure), user: row.imap_user };
  if (!where.secure && !isLoopbackHost(where.host)) {
    log?.warn({ ...where, target }, 'hotline connection test refused: plain IMAP to a host that is not loopback');
    await audit(db, { actor, action: 'hotline.connection_tested', target, details: { ...where, outcome: 'refused_plain' } });
    return { ok: false, kind: 'failed' };
  }
  return attemptLogin(db, () => inboxImapConfig(db, row, secretKey), { target, actor, log, details: where });
}

async function attemptLogin(db: Db, login: ImapConfig | (() => Promise<ImapConfig>),
  at: { target: string; actor: string; log?: TestLog; details: Record<string, unknown> }): Promise<ConnectionTest> {
  let cfg: ImapConfig | null = null;
  let result: ConnectionTest;
  let outcome: string;
  try {
    cfg = typeof login === 'function' ? await login() : login;
    result = { ok: true, ...(await testImapConnection(cfg)) };
    outcome = 'ok';
  } catch (e) {
    at.log?.warn({ ...at.details, target: at.target, error: redacted(e, cfg?.pass ?? '') }, 'hotline connection test failed');
    result = { ok: false, kind: 'failed' };
    outcome = 'failed';
  }
  await audit(db, { actor: at.actor, action: 'hotline.connection_tested', target: at.target, details: { ...at.details, outcome } });
  return result;
}
