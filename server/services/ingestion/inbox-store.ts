// Hotline inbox settings and per-inbox error state. The password is sealed with SECRET_KEY before it is
// stored; the error state follows EmailEngine's setErrorState: alert on the first failure of a streak only.
import type { Db } from '../../db/index.js';
import { execWrite } from '../../db/index.js';
import type { HotlineInboxAttrs } from '../../db/models/hotline.js';
import { imapConfigFromUrl, type ImapConfig } from '../../mail/imap.js';
import { openSecret, sealSecret } from '../crypto/secret-box.js';
import { enqueueAlert } from '../outbox/enqueue.js';

export interface SetInboxInput {
  agencyCode: string;
  imapUrl: string;
  pollIntervalS?: number;
  /** mail the server received before this is imported as history (no receipt); default: now */
  historyCutoff?: Date | null;
}

export async function setHotlineInbox(db: Db, secretKey: string, input: SetInboxInput): Promise<HotlineInboxAttrs> {
  const agency = await db.models.Agency.findOne({ where: { code: input.agencyCode } });
  if (!agency) throw new Error(`unknown agency ${input.agencyCode}`);
  const cfg = imapConfigFromUrl(input.imapUrl);
  const fields = {
    agency_id: agency.id, address: agency.hotline_address ?? (cfg.user.includes('@') ? cfg.user : null),
    imap_host: cfg.host, imap_port: cfg.port, imap_user: cfg.user, imap_secure: cfg.secure, imap_folder: cfg.folder,
    password_enc: sealSecret(cfg.pass, secretKey), poll_interval_s: input.pollIntervalS ?? 60, active: true,
  };
  const existing = await db.models.HotlineInbox.findOne({ where: { agency_id: agency.id } });
  if (existing) {
    // A new server or folder is a new mailbox: start its cursor over (Message-ID dedupe keeps old mail old).
    const moved = existing.imap_host !== cfg.host || existing.imap_user !== cfg.user || existing.imap_folder !== cfg.folder;
    await existing.update({ ...fields, ...(moved ? { uid_validity: null, last_uid: 0 } : {}),
      ...(input.historyCutoff !== undefined ? { history_cutoff: input.historyCutoff } : {}) });
    return existing.get({ plain: true }) as HotlineInboxAttrs;
  }
  const created = await db.models.HotlineInbox.create({ ...fields, last_uid: 0, consecutive_failures: 0,
    history_cutoff: input.historyCutoff === undefined ? new Date() : input.historyCutoff });
  return created.get({ plain: true }) as HotlineInboxAttrs;
}

export function inboxImapConfig(inbox: HotlineInboxAttrs, secretKey: string): ImapConfig {
  return { host: inbox.imap_host, port: inbox.imap_port, secure: inbox.imap_secure, user: inbox.imap_user,
    pass: openSecret(inbox.password_enc, secretKey), folder: inbox.imap_folder };
}

export async function recordInboxSuccess(db: Db, inboxId: number, now: Date): Promise<void> {
  await execWrite(db.sequelize, 'UPDATE hotline_inboxes SET last_ok_at = :now, consecutive_failures = 0, last_error = NULL, updated_at = :now WHERE id = :id', { now, id: inboxId });
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
