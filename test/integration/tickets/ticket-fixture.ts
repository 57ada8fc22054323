// Tickets made the way production makes them: a raw mail through ingestMessage (no IMAP needed), on an inbox
// row whose lease this test holds.
import type { Db } from '../../../server/db/index.js';
import { ingestMessage, type InboxRef, type IngestOutcome } from '../../../server/services/ingestion/ingest-message.js';
import type { Role } from '../../../server/db/models/foundation.js';
import { TEST_SECRET, buildUser } from '../../support/web.js';
import { hashPassword } from '../../../server/services/crypto/password-hash.js';
import { ingestCtx, mail } from '../ingestion/hotline-fixture.js';

export { mail };
export const HOTLINE_DOMAIN = 'hotline.hoabinh.gov.vn';
/** Citizens who have a mailbox in the test Dovecot live here, so a reply can be read back over IMAP. */
export const CITIZEN_DOMAIN = 'dan.hoabinh.test';
export const CITIZEN_PASSWORD = 'Cong-dan-pass-42';
/** The web app signs with TEST_SECRET, so ingestion must verify with it too for replies to thread. */
export const ctx = ingestCtx({ secret: TEST_SECRET });

export interface Hotline { agencyId: number; code: string; address: string; ref: InboxRef; uid: number }

export async function addHotlineAgency(db: Db, code: string): Promise<Hotline> {
  const address = `${code.toLowerCase()}@${HOTLINE_DOMAIN}`;
  const agency = await db.models.Agency.create({ code, name: `Sở ${code} tỉnh Hòa Bình`, kind: 'department', hotline_address: address } as never);
  const inbox = await db.models.HotlineInbox.create({ agency_id: agency.id, address, imap_host: '127.0.0.1', imap_port: 1143, imap_user: address,
    imap_secure: false, imap_folder: 'INBOX', password_enc: 'unused', poll_interval_s: 60, uid_validity: '1', last_uid: 0,
    lease_owner: 'test', lease_until: new Date(Date.now() + 3_600_000), consecutive_failures: 0, active: true } as never);
  return { agencyId: agency.id, code, address, uid: 0,
    ref: { inbox: { id: inbox.id, agency_id: agency.id, history_cutoff: null, address }, agency: { id: agency.id, code, name: agency.name },
      uidValidity: '1', leaseOwner: 'test', leaseMs: 3_600_000 } };
}

export async function ingest(db: Db, h: Hotline, raw: Buffer): Promise<IngestOutcome> {
  h.uid += 1;
  return ingestMessage(db, ctx, h.ref, { uid: h.uid, source: raw });
}

/** Ingests a citizen mail and returns the new ticket's ref and the lookup code from its receipt. */
export async function citizenMail(db: Db, h: Hotline, opts: { from?: string; subject?: string; body?: string; messageId?: string } = {}) {
  const before = await db.models.Ticket.max('id') as number | null;
  const outcome = await ingest(db, h, mail({ to: h.address, ...opts }));
  if (outcome !== 'ticket') throw new Error(`expected a ticket, got ${outcome}`);
  const ticket = (await db.models.Ticket.findOne({ where: { agency_id: h.agencyId }, order: [['id', 'DESC']] }))!;
  if (before && ticket.id <= before) throw new Error('no new ticket');
  const ack = await db.models.Outbox.findOne({ where: { idempotency_key: `ack:${ticket.id}` } });
  const code = ack ? /Mã tra cứu: (\d+)/.exec(ack.text_body)![1] : null;
  return { ref: ticket.ref, id: ticket.id, code };
}

export async function staff(db: Db, role: Role, agencyId: number | null, displayName?: string) {
  return buildUser(db, { role, agencyId, ...(displayName ? { displayName } : {}) });
}

/** A citizen's mailbox in the test Dovecot (the domain made on first use); read it back with `password` over IMAP. */
export async function citizenMailbox(db: Db, local: string): Promise<{ address: string; password: string }> {
  await db.models.MailDomain.findOrCreate({ where: { domain: CITIZEN_DOMAIN }, defaults: { domain: CITIZEN_DOMAIN, agency_id: null, active: true } as never });
  const address = `${local}@${CITIZEN_DOMAIN}`;
  await db.models.Mailbox.create({ address, local_part: local, domain: CITIZEN_DOMAIN, kind: 'personal', agency_id: null,
    password_hash: await hashPassword(CITIZEN_PASSWORD, 'SHA512-CRYPT'), maildir: `${CITIZEN_DOMAIN}/${local}/`, quota_mb: 100,
    active: true, allow_login: true, must_change_password: false } as never);
  return { address, password: CITIZEN_PASSWORD };
}
