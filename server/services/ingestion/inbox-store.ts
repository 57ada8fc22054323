// Hotline inbox settings and per-inbox error state. The password is sealed with SECRET_KEY before it is
// stored; the error state follows EmailEngine's setErrorState: alert on the first failure of a streak only.
import type { Db } from '../../db/index.js';
import { execWrite } from '../../db/index.js';
import type { HotlineInboxAttrs } from '../../db/models/hotline.js';
import type { AgencyAttrs } from '../../db/models/foundation.js';
import { imapConfigFromUrl, type ImapConfig } from '../../mail/imap.js';
import { openSecret, sealSecret } from '../crypto/index.js';
import { enqueueAlert } from '../outbox/index.js';
import { hasStoredPassword, storedMailboxLogin, invalid, notFound, assertAgencyOpen } from '../provisioning/index.js';
import { findAgencyByCode } from '../org/index.js';

export interface SetInboxInput {
  agencyCode: string;
  /** the agency of agencyCode when the caller has it loaded already (the settings form) */
  agency?: AgencyAttrs;
  imapUrl: string;
  pollIntervalS?: number;
  /** mail the server received before this is imported as history (no receipt); default: now */
  historyCutoff?: Date | null;
}

export async function setHotlineInbox(db: Db, secretKey: string, input: SetInboxInput): Promise<HotlineInboxAttrs> {
  const agency = input.agency ?? (await findAgencyByCode(db, input.agencyCode));
  if (!agency) throw new Error(`unknown agency ${input.agencyCode}`);
  assertAgencyOpen(agency, new Date());
  const cfg = imapConfigFromUrl(input.imapUrl);
  return upsertInbox(db, agency.id, input, {
    address: agency.hotline_address ?? (cfg.user.includes('@') ? cfg.user : null),
    imap_host: cfg.host, imap_port: cfg.port, imap_user: cfg.user, imap_secure: cfg.secure, imap_folder: cfg.folder,
    password_enc: sealSecret(cfg.pass, secretKey), mailbox_id: null,
  });
}

export interface SetInboxMailboxInput extends Omit<SetInboxInput, 'imapUrl'> {
  /** a mailbox of the agency whose password govmail keeps (a shared mailbox) */
  mailbox: string;
  /** where Dovecot answers IMAP: imap://host:port/FOLDER?tls=false, without a login */
  server: string;
}

/**
 * Points the hotline at a govmail-made mailbox: nobody types its password. The row keeps the mailbox's id and no
 * password of its own; inboxImapConfig reads the login and the kept password from the mailbox at each connection.
 */
export async function setHotlineMailbox(db: Db, input: SetInboxMailboxInput): Promise<HotlineInboxAttrs> {
  const agency = input.agency ?? (await findAgencyByCode(db, input.agencyCode));
  if (!agency) throw notFound('agency', input.agencyCode, 'agency');
  assertAgencyOpen(agency, new Date());
  const box = await hotlineMailboxOf(db, agency, input.mailbox);
  const address = box.address;
  const cfg = imapConfigFromUrl(input.server);
  if (cfg.user || cfg.pass) throw invalid('hotline.server_with_login', 'the server URL takes no login: the mailbox gives it', 'server');
  return upsertInbox(db, agency.id, input, {
    address: agency.hotline_address ?? address, imap_host: cfg.host, imap_port: cfg.port, imap_user: address,
    imap_secure: cfg.secure, imap_folder: cfg.folder, password_enc: '', mailbox_id: box.id,
  });
}

/** The agency's mailbox a hotline may read with the password govmail keeps; refuses any other (ProvisioningError). */
export async function hotlineMailboxOf(db: Db, agency: AgencyAttrs, mailbox: string): Promise<{ id: number; address: string }> {
  const address = mailbox.trim().toLowerCase();
  const box = await db.models.Mailbox.findOne({ where: { address }, raw: true });
  if (!box || box.agency_id !== agency.id) {
    throw invalid('hotline.mailbox_not_agency', `${address} is not a mailbox of ${agency.code}`, 'mailbox', { address, agency: agency.code });
  }
  if (!(await hasStoredPassword(db, box.id))) {
    throw invalid('hotline.mailbox_no_password', `govmail keeps no password for ${address}: create it as a shared mailbox, or give --imap with the login`, 'mailbox', { address });
  }
  return { id: box.id, address };
}

type InboxLogin = Pick<HotlineInboxAttrs, 'address' | 'imap_host' | 'imap_port' | 'imap_user' | 'imap_secure' | 'imap_folder' | 'password_enc' | 'mailbox_id'>;

async function upsertInbox(db: Db, agencyId: number, input: Pick<SetInboxInput, 'pollIntervalS' | 'historyCutoff'>, login: InboxLogin): Promise<HotlineInboxAttrs> {
  const fields = { ...login, agency_id: agencyId, poll_interval_s: input.pollIntervalS ?? 60, active: true };
  const existing = await db.models.HotlineInbox.findOne({ where: { agency_id: agencyId } });
  if (existing) {
    // A new server or folder is a new mailbox: start its cursor over (Message-ID dedupe keeps old mail old).
    const moved = existing.imap_host !== login.imap_host || existing.imap_user !== login.imap_user || existing.imap_folder !== login.imap_folder;
    await existing.update({ ...fields, ...(moved ? { uid_validity: null, last_uid: 0 } : {}),
      ...(input.historyCutoff !== undefined ? { history_cutoff: input.historyCutoff } : {}) });
    return existing.get({ plain: true }) as HotlineInboxAttrs;
  }
  const created = await db.models.HotlineInbox.create({ ...fields, last_uid: 0, consecutive_failures: 0,
    history_cutoff: input.historyCutoff === undefined ? new Date() : input.historyCutoff });
  return created.get({ plain: true }) as HotlineInboxAttrs;
}

/** The login of an inbox: its own sealed password, or, for one reading a govmail-made mailbox, that mailbox's
 *  current address and kept password (read at each connection, so a domain move or a new password carries over). */
export async function inboxImapConfig(db: Db, inbox: HotlineInboxAttrs, secretKey: string): Promise<ImapConfig> {
  const own = { host: inbox.imap_host, port: inbox.imap_port, secure: inbox.imap_secure, folder: inbox.imap_folder };
  if (inbox.mailbox_id === null || inbox.mailbox_id === undefined) return { ...own, user: inbox.imap_user, pass: openSecret(inbox.password_enc, secretKey) };
  return { ...own, ...(await storedMailboxLogin(db, inbox.mailbox_id, secretKey)) };
}

export async function recordInboxSuccess(db: Db, inboxId: number, now: Date): Promise<void> {
  await execWrite(db.sequelize, 'UPDATE hotline_inboxes SET last_ok_at = :now, consecutive_failures = 0, last_error = NULL, updated_at = :now WHERE id = :id', { now, id: inboxId });
}

/** What kind of failure a stored `last_error` records, for people: `recordInboxFailure` writes the ImapError's
 *  name and message, whose prefix (server/mail/imap.ts toImapError) says whether the login was refused or the
 *  server could not be reached. The raw text is the mail server's own words, kept for whoever debugs it. */
export type InboxFailureKind = 'auth' | 'network' | 'other';
export function inboxFailureKind(lastError: string): InboxFailureKind {
  if (lastError.startsWith('ImapError: authentication failed')) return 'auth';
  return lastError.startsWith('ImapError: connection failed') ? 'network' : 'other';
}

export async function recordInboxFailure(db: Db, inboxId: number, error: unknown, alert: { to: string[]; from: string }, now: Date): Promise<void> {
  const message = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 2000);
  await execWrite(db.sequelize, 'UPDATE hotline_inboxes SET consecutive_failures = consecutive_failures + 1, last_error = :message, updated_at = :now WHERE id = :id', { message, now, id: inboxId });
  const inbox = await db.models.HotlineInbox.findByPk(inboxId);
  if (inbox?.consecutive_failures === 1) {
    // Keyed by the last success, so each failure streak alerts once however many polls fail.
    await enqueueAlert(db, `inbox:${inboxId}:${inbox.last_ok_at?.getTime() ?? 0}`, alert.to, alert.from,
      `[govmail] Hotline inbox ${inbox.imap_user} cannot be fetched`,
      `Polling ${inbox.imap_user} on ${inbox.imap_host} failed: ${message}\nLast success: ${inbox.last_ok_at?.toISOString() ?? 'never'}.`);
  }
}
