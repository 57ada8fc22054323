// Shared set-up for hotline ingestion tests: agencies with a hotline mailbox in the test Dovecot, the inbox
// configured through the service, and helpers to append mail, poll and flush.
import { randomBytes } from 'node:crypto';
import type { TestDb } from '../../support/databases.js';
import { startDovecot, type DovecotInstance } from '../../support/dovecot.js';
import { startSmtpCapture, type SmtpCapture } from '../../support/smtp-capture.js';
import { hashPassword } from '../../../server/services/crypto/password-hash.js';
import { appendMessages, type ImapConfig } from '../../../server/mail/imap.js';
import { setHotlineInbox } from '../../../server/services/ingestion/inbox-store.js';
import { pollAllInboxes } from '../../../server/services/ingestion/poll-inbox.js';
import type { IngestContext } from '../../../server/services/ingestion/ingest-context.js';

export const SECRET_KEY = 'test-secret-key-0123456789abcdef-0123';
export const DOMAIN = 'hotline.hoabinh.gov.vn';
export const PASSWORD = 'Hotline-pass-42';

export function ingestCtx(over: Partial<IngestContext> = {}): IngestContext {
  return { secret: SECRET_KEY, ownDomain: 'mid.govmail.test', ownAddresses: ['no-reply@hoabinh.gov.vn', `stp@${DOMAIN}`, `stc@${DOMAIN}`, `sxd@${DOMAIN}`],
    mailFrom: 'no-reply@hoabinh.gov.vn', alertTo: ['admin@hoabinh.gov.vn'], ackLimitPerHour: 3, ackLimitPerDay: 10,
    receiptsPerHour: 1_000, publicUrl: 'https://govmail.test', provinceName: 'Tỉnh Hòa Bình', ...over };
}

/** The servers a hotline test talks to: the hotline domain in db's tables, a private Dovecot that authenticates
 *  from them, and an SMTP peer capturing what govmail sends. The caller stops both in its after hook. */
export async function startHotlineServers(db: TestDb): Promise<{ dv: DovecotInstance; smtp: SmtpCapture }> {
  await db.models.MailDomain.create({ domain: DOMAIN, agency_id: null, active: true });
  const dv = await startDovecot({ db });
  const smtp = await startSmtpCapture().catch(async (err: unknown) => { await dv.destroy(); throw err; });
  return { dv, smtp };
}

export async function addHotline(db: TestDb, dv: DovecotInstance, code: string, opts: { historyCutoff?: Date | null; password?: string } = {}): Promise<ImapConfig> {
  const local = code.toLowerCase();
  const address = `${local}@${DOMAIN}`;
  const agency = await db.models.Agency.create({ code, name: `Sở ${code}`, kind: 'department', hotline_address: address });
  await db.models.Mailbox.create({ address, local_part: local, domain: DOMAIN, kind: 'hotline', agency_id: agency.id,
    password_hash: await hashPassword(PASSWORD, 'SHA512-CRYPT'), maildir: `${DOMAIN}/${local}/`, quota_mb: 1000,
    active: true, allow_login: true, must_change_password: false } as never);
  const pass = opts.password ?? PASSWORD;
  await setHotlineInbox(db, SECRET_KEY, { agencyCode: code, imapUrl: `imap://${encodeURIComponent(address)}:${pass}@${dv.host}:${dv.imapPort}/INBOX?tls=false`,
    historyCutoff: opts.historyCutoff === undefined ? null : opts.historyCutoff });
  return { host: dv.host, port: dv.imapPort, secure: false, user: address, pass: PASSWORD, folder: 'INBOX' };
}

export function mail(h: { from?: string; to: string; cc?: string; subject?: string; messageId?: string | null; headers?: string[]; body?: string }): Buffer {
  const id = h.messageId === undefined ? `<${randomBytes(8).toString('hex')}@citizen.example>` : h.messageId;
  return Buffer.from([
    `From: ${h.from ?? 'Nguyễn Văn A <congdan@example.vn>'}`, `To: ${h.to}`, ...(h.cc ? [`Cc: ${h.cc}`] : []),
    `Subject: ${h.subject ?? 'Phản ánh đường hỏng'}`, ...(id ? [`Message-ID: ${id}`] : []), 'Date: Mon, 02 Mar 2026 09:15:00 +0700',
    'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', ...(h.headers ?? []), '',
    h.body ?? 'Kính gửi Sở, đường liên xã bị sạt lở.', ''].join('\r\n'), 'utf8');
}

export async function append(cfg: ImapConfig, raws: Buffer[], flags: string[] = []): Promise<void> {
  await appendMessages(cfg, raws, flags);
}

export async function poll(db: TestDb, ctx = ingestCtx(), agencyCode?: string) {
  return pollAllInboxes(db, ctx, { secretKey: SECRET_KEY, agencyCode });
}
