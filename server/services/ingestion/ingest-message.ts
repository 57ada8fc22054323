// One fetched message → its rows, in ONE transaction with the cursor advance: raw bytes (content-addressed),
// the message row (unique by UID and by Message-ID), the ticket created or extended, and the receipt in the
// outbox. A crash anywhere rolls all of it back and the next poll fetches the same UID again; a commit
// means it never will. Parsing runs before the transaction (CPU only) so the write lock is held briefly.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/index.js';
import { execWrite, inTransaction } from '../../db/index.js';
import type { HotlineInboxAttrs, MessageAttrs, TicketAttrs } from '../../db/models/hotline.js';
import { MailParseError, normaliseMessageId, parseMail, syntheticMessageId, type ParsedMail } from '../../mail/parse.js';
import { bounceOriginalMessageId } from './bounce-original.js';
import { classifyMail, type Classification } from './classify.js';
import { findThread, ticketByMessageIds } from './find-thread.js';
import type { IngestContext } from './ingest-context.js';
import { acknowledgeTicket } from './acknowledge.js';
import { boundedText, sanitizeForDisplay, searchKey } from './message-text.js';
import { createTicket } from './ticket-create.js';
import { triageMailOf } from '../triage/apply-triage.js';
import { readOwnMessageId } from './thread-tokens.js';

export type IngestOutcome = 'ticket' | 'threaded' | 'auto' | 'bounce' | 'quarantined' | 'duplicate' | 'stored';

export interface InboxRef {
  inbox: Pick<HotlineInboxAttrs, 'id' | 'agency_id' | 'history_cutoff' | 'address'>;
  agency: { id: number; code: string; name: string };
  uidValidity: string;
  /** the lease holder; the cursor only moves while we still hold the lease (fencing) */
  leaseOwner: string;
  leaseMs: number;
}

export interface FetchedRaw { uid: number; source: Buffer; internalDate?: Date | null }

export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
}

const MESSAGE_ID_MAX = 190;
const keyOf = (id: string) => (id.length <= MESSAGE_ID_MAX ? id : `sha256:${createHash('sha256').update(id).digest('hex')}`);

type Parsed = { ok: true; mail: ParsedMail; cls: Classification } | { ok: false; error: MailParseError; messageId: string };

export async function parseAndClassify(raw: Buffer, ctx: IngestContext): Promise<Parsed> {
  try {
    const mail = await parseMail(raw);
    return { ok: true, mail, cls: classifyMail(mail, { ownAddresses: ctx.ownAddresses, ownMessageIdDomain: ctx.ownDomain }) };
  } catch (e) {
    if (!(e instanceof MailParseError)) throw e;
    return { ok: false, error: e, messageId: normaliseMessageId(syntheticMessageId(raw)) };
  }
}

export async function ingestMessage(db: Db, ctx: IngestContext, ref: InboxRef, msg: FetchedRaw): Promise<IngestOutcome> {
  const parsed = await parseAndClassify(msg.source, ctx);
  const now = ctx.now?.() ?? new Date();
  const sha256 = createHash('sha256').update(msg.source).digest('hex');
  return inTransaction(db.sequelize, async () => {
    const outcome = await storeMessage(db, ctx, ref, msg, parsed, sha256, now);
    const moved = await execWrite(db.sequelize,
      `UPDATE hotline_inboxes SET last_uid = :uid, lease_until = :until, updated_at = :now
       WHERE id = :id AND lease_owner = :owner AND uid_validity = :uv AND last_uid < :uid`,
      { uid: msg.uid, until: new Date(now.getTime() + ref.leaseMs), now, id: ref.inbox.id, owner: ref.leaseOwner, uv: ref.uidValidity });
    // 0 rows: another worker took the inbox over (our lease expired). Roll back rather than double-ingest.
    if (moved !== 1) throw new LeaseLostError(`lease on inbox ${ref.inbox.id} lost before UID ${msg.uid} committed`);
    return outcome;
  });
}

async function storeMessage(db: Db, ctx: IngestContext, ref: InboxRef, msg: FetchedRaw, parsed: Parsed, sha256: string, now: Date): Promise<IngestOutcome> {
  const { Message, RawMessage } = db.models;
  if (await Message.findOne({ where: { inbox_id: ref.inbox.id, uid_validity: ref.uidValidity, uid: msg.uid }, attributes: ['id'] })) return 'duplicate';
  if (!(await RawMessage.findByPk(sha256, { attributes: ['sha256'] }))) {
    await RawMessage.create({ sha256, bytes: msg.source, size: msg.source.length, created_at: now });
  }
  const base = { inbox_id: ref.inbox.id, uid_validity: ref.uidValidity, uid: msg.uid, sha256, direction: 'in' as const };
  const messageId = keyOf(parsed.ok ? parsed.mail.messageId : parsed.messageId);
  const earlier = await Message.findOne({ where: { inbox_id: ref.inbox.id, message_id: messageId } });
  if (earlier) {
    // Same Message-ID already here (re-delivery, or a UIDVALIDITY reset re-numbered old mail): record the UID
    // as accounted for, under a key that cannot collide, and create nothing.
    await Message.create({ ...base, message_id: keyOf(`dup:${ref.uidValidity}:${msg.uid}:${messageId}`), classification: 'duplicate',
      class_reason: `duplicate_of:${earlier.id}`, ticket_id: earlier.ticket_id });
    return 'duplicate';
  }
  if (!parsed.ok) {
    await Message.create({ ...base, message_id: messageId, classification: 'quarantined', quarantine_reason: parsed.error.reason,
      quarantine_detail: parsed.error.message.slice(0, 2000) });
    return 'quarantined';
  }
  const { mail, cls } = parsed;
  const row: Partial<MessageAttrs> = {
    ...base, message_id: messageId, classification: cls.kind, class_reason: cls.reason.slice(0, 190),
    from_address: (mail.from?.address ?? '').toLowerCase().slice(0, 190) || null, subject: mail.subject.slice(0, 500),
    text_body: boundedText(mail.text), html_sanitized: sanitizeForDisplay(mail.html), search_text: searchKey(mail.subject, mail.text),
  };
  if (cls.kind === 'bounce') return storeBounce(db, ctx, ref, mail, msg.source, row, now);
  const thread = await findThread(db, ref.agency.id, mail, ctx.secret);
  if (thread.ticket) {
    const saved = await Message.create({ ...row, ticket_id: thread.ticket.id });
    // Auto-replies attach without touching status or the SLA clock (helpdesk.md §7 #1).
    await event(db, thread.ticket.id, cls.kind === 'human' ? 'inbound' : 'inbound_auto', saved.id, { via: thread.decision.action === 'append' ? thread.decision.via : null }, now);
    return cls.kind === 'human' ? 'threaded' : 'auto';
  }
  if (cls.kind !== 'human') {
    await Message.create(row);
    return 'auto';
  }
  return openTicket(db, ctx, ref, msg, mail, row, thread.mayRelateTo, now);
}

async function openTicket(db: Db, ctx: IngestContext, ref: InboxRef, msg: FetchedRaw, mail: ParsedMail, row: Partial<MessageAttrs>,
  mayRelateTo: TicketAttrs | null, now: Date): Promise<IngestOutcome> {
  const received = msg.internalDate ?? mail.date ?? now;
  const history = Boolean(ref.inbox.history_cutoff && received < ref.inbox.history_cutoff);
  // The same mail sent To agency A and Cc agency B: one ticket each, linked (helpdesk.md §7 #6).
  const sameMail = await db.models.Message.findOne({ where: { message_id: row.message_id!, direction: 'in' } });
  const sameTicket = sameMail?.ticket_id ?? null;
  const related = sameTicket ? { ticketId: sameTicket, relation: 'same_mail' as const }
    : mayRelateTo ? { ticketId: mayRelateTo.id, relation: 'may_relate_to' as const } : null;
  const citizen = mail.replyTo[0]?.address || mail.from?.address || '';
  const { ticket, lookupCode } = await createTicket(db, {
    agencyId: ref.agency.id, agencyCode: ref.agency.code, citizenAddress: citizen, citizenName: mail.from?.name ?? null,
    subject: mail.subject, receivedAt: received, history, related, triage: triageMailOf(mail, ref.inbox.address),
  });
  const saved = await db.models.Message.create({ ...row, ticket_id: ticket.id });
  await event(db, ticket.id, history ? 'imported_history' : 'created', saved.id, related ? { related } : null, now);
  if (!history && citizen) {
    await acknowledgeTicket(db, ctx, { ticket, lookupCode, agencyName: ref.agency.name, from: ref.inbox.address ?? ctx.mailFrom,
      citizenMessageId: mail.messageId, now });
  }
  return 'ticket';
}

async function storeBounce(db: Db, ctx: IngestContext, ref: InboxRef, mail: ParsedMail, raw: Buffer, row: Partial<MessageAttrs>, now: Date): Promise<IngestOutcome> {
  const original = bounceOriginalMessageId(mail, raw);
  let ticket: TicketAttrs | null = null;
  if (original) {
    const own = readOwnMessageId(original, ctx.secret);
    ticket = own
      ? ((await db.models.Ticket.findOne({ where: { ref: own, agency_id: ref.agency.id } }))?.get({ plain: true }) as TicketAttrs | undefined) ?? null
      : await ticketByMessageIds(db, ref.agency.id, [original]);
  }
  const saved = await db.models.Message.create({ ...row, ticket_id: ticket?.id ?? null });
  if (ticket) {
    // The citizen's address is flagged so nothing more is sent there automatically; the agent sees a banner.
    await db.models.Ticket.update({ undeliverable: true }, { where: { id: ticket.id } });
    await event(db, ticket.id, 'bounce', saved.id, { original }, now);
  }
  return 'bounce';
}

async function event(db: Db, ticketId: number, kind: string, messageId: number, details: unknown, at: Date): Promise<void> {
  await db.models.TicketEvent.create({ ticket_id: ticketId, kind, message_id: messageId, details: details ? JSON.stringify(details) : null, at });
}
