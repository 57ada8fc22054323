// What the admin page shows and changes about hotline inboxes. The stored password never leaves this module
// in readable form: the status rows carry no secret, and a blank password on the form means "keep the
// stored one" (it is opened here only to rebuild the URL setHotlineInbox takes).
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { HotlineInboxAttrs } from '../../db/models/hotline.js';
import { ImapError, testImapConnection } from '../../mail/imap.js';
import { audit } from '../audit/index.js';
import { openSecret } from '../crypto/index.js';
import { inboxImapConfig, setHotlineInbox, setHotlineMailbox } from './inbox-store.js';
import { storedLoginMailboxes } from '../provisioning/index.js';

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
}

export class InboxFormError extends Error {
  constructor(readonly field: keyof InboxForm, message: string) { super(message); }
}

/** The agency's mailboxes a hotline can read without a typed password (shared mailboxes govmail made). */
export const inboxMailboxChoices = (db: Db, agencyId: number) => storedLoginMailboxes(db, agencyId);

export async function saveInboxSettings(db: Db, secretKey: string, agencyCode: string, form: InboxForm, actor: string): Promise<HotlineInboxAttrs> {
  const agency = await db.models.Agency.findOne({ where: { code: agencyCode } });
  if (!agency) throw new Error(`unknown agency ${agencyCode}`);
  const url = new URL(`${form.secure ? 'imaps' : 'imap'}://placeholder/`);
  url.hostname = form.host;
  url.port = String(form.port);
  url.pathname = `/${encodeURIComponent(form.folder)}`;
  url.searchParams.set('tls', String(form.secure));
  if (form.mailbox) {
    const inbox = await setHotlineMailbox(db, { agencyCode, mailbox: form.mailbox, server: url.toString(), pollIntervalS: form.pollIntervalS });
    await audit(db, { actor, action: 'hotline.settings_changed', target: `agency:${agencyCode}`,
      details: { host: form.host, port: form.port, mailbox: inbox.imap_user, folder: form.folder, interval: form.pollIntervalS } });
    return inbox;
  }
  if (!form.user) throw new InboxFormError('user', 'required');
  const existing = await db.models.HotlineInbox.findOne({ where: { agency_id: agency.id } });
  // An inbox that read a govmail mailbox has no password of its own to keep.
  const password = form.password || (existing && existing.mailbox_id === null ? openSecret(existing.password_enc, secretKey) : '');
  if (!password) throw new InboxFormError('password', 'required');
  url.username = encodeURIComponent(form.user);
  url.password = encodeURIComponent(password);
  const inbox = await setHotlineInbox(db, secretKey, { agencyCode, imapUrl: url.toString(), pollIntervalS: form.pollIntervalS });
  await audit(db, { actor, action: 'hotline.settings_changed', target: `agency:${agencyCode}`,
    details: { host: form.host, port: form.port, user: form.user, folder: form.folder, interval: form.pollIntervalS, passwordChanged: Boolean(form.password) } });
  return inbox;
}

export type ConnectionTest =
  | { ok: true; uidValidity: string; uidNext: number }
  | { ok: false; kind: 'auth' | 'network' | 'mailbox' | 'not_configured'; detail: string };

/** Logs in with the stored settings and opens the folder; never throws for IMAP trouble. */
export async function testInboxConnection(db: Db, secretKey: string, agencyId: number): Promise<ConnectionTest> {
  const row = await db.models.HotlineInbox.findOne({ where: { agency_id: agencyId } });
  if (!row) return { ok: false, kind: 'not_configured', detail: '' };
  try {
    return { ok: true, ...(await testImapConnection(await inboxImapConfig(db, row.get({ plain: true }) as HotlineInboxAttrs, secretKey))) };
  } catch (e) {
    if (e instanceof ImapError) return { ok: false, kind: e.kind, detail: e.message.slice(0, 300) };
    return { ok: false, kind: 'network', detail: (e instanceof Error ? e.message : String(e)).slice(0, 300) };
  }
}
