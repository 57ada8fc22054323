// Fetched messages → their rows, in ONE transaction with the cursor advance: raw bytes (content-addressed),
// the message row (unique by UID and by Message-ID), the ticket created or extended, and the receipt in the
// outbox. A crash anywhere rolls all of it back and the next poll fetches the same UID again; a commit
// means it never will. Parsing runs before the transaction (CPU only) so the write lock is held briefly.
import type { Db } from '../../db/index.js';
import { execWrite, inTransaction } from '../../db/index.js';
import type { MessageAttrs, TicketAttrs } from '../../db/models/hotline.js';
import type { ParsedMail } from '../../mail/parse.js';
import { bounceOriginalMessageId } from './bounce-original.js';
import { findThread, ticketByMessageIds } from './find-thread.js';
import type { IngestContext } from './ingest-context.js';
import { readOwnMessageId } from '../threading/index.js';
import { answerOpensNewTicket, DEFAULT_REOPEN_WINDOW_DAYS, onCitizenAnswer, TicketOpener } from '../tickets/index.js';
import { FreshTickets } from './fresh-tickets.js';
import { openingEventKind, ticketFromMail } from './mail-ticket.js';
import {
  inboundRow, keyOf, prepareMessage, receivedAt, type FetchedRaw, type InboxRef, type Parsed, type ParsedOk, type PreparedMessage,
} from './prepared-message.js';

export type { FetchedRaw, InboxRef, PreparedMessage } from './prepared-message.js';

export type IngestOutcome = 'ticket' | 'threaded' | 'auto' | 'bounce' | 'quarantined' | 'duplicate' | 'stored';

export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
}

/**
 * Commits prepared messages of one inbox, in UID order, in ONE transaction with one cursor advance to the last
 * UID. All or nothing: a crash or an error rolls back the whole group and the next poll fetches it again.
 */
export async function commitMessages(db: Db, ctx: IngestContext, ref: InboxRef, group: PreparedMessage[]): Promise<IngestOutcome[]> {
  if (!group.length) return [];
  return inTransaction(db.sequelize, async () => {
    const outcomes: IngestOutcome[] = [];
    // One opener for the whole group: both paths open their tickets through it, so its sequences, turns and
    // receipt counts stay true.
    const opener = new TicketOpener(db, ctx);
    const fresh = new FreshTickets(db, ctx, ref, opener);
    await fresh.prefetch(group);
    for (const p of group) {
      if (await fresh.tryAdd(p)) {
        outcomes.push('ticket');
        continue;
      }
      await fresh.flush(); // the one-message path must see every earlier row of the group
      outcomes.push(await storeMessage(db, ctx, ref, opener, p.msg, p.parsed, p.sha256, p.now));
    }
    await fresh.flush();
    const last = group[group.length - 1];
    const moved = await execWrite(db.sequelize,
      // The lease only grows here: a group fetched before the last renewal must not shorten it.
      `UPDATE hotline_inboxes SET last_uid = :uid, lease_until = CASE WHEN lease_until > :until THEN lease_until ELSE :until END, updated_at = :now
       WHERE id = :id AND lease_owner = :owner AND uid_validity = :uv AND last_uid < :uid`,
      { uid: last.msg.uid, until: new Date(last.now.getTime() + ref.leaseMs), now: last.now, id: ref.inbox.id, owner: ref.leaseOwner, uv: ref.uidValidity });
    // 0 rows: another worker took the inbox over (our lease expired). Roll back rather than double-ingest.
    if (moved !== 1) throw new LeaseLostError(`lease on inbox ${ref.inbox.id} lost before UID ${last.msg.uid} committed`);
    return outcomes;
  });
}

/** One message, one transaction (tests and fixtures; the poller groups messages with ingest-stream.ts). */
export async function ingestMessage(db: Db, ctx: IngestContext, ref: InboxRef, msg: FetchedRaw): Promise<IngestOutcome> {
  const [outcome] = await commitMessages(db, ctx, ref, [await prepareMessage(ctx, msg)]);
  return outcome;
}

/** One mail through the per-message path (also review-actions.ts re-processing a quarantined mail). */
export async function storeMessage(db: Db, ctx: IngestContext, ref: InboxRef, opener: TicketOpener, msg: FetchedRaw, parsed: Parsed, sha256: string, now: Date): Promise<IngestOutcome> {
  const { Message, RawMessage } = db.models;
  if (await Message.findOne({ where: { inbox_id: ref.inbox.id, uid_validity: ref.uidValidity, uid: msg.uid }, attributes: ['id'] })) return 'duplicate';
  if (!(await RawMessage.findByPk(sha256, { attributes: ['sha256'] }))) {
    await RawMessage.create({ sha256, bytes: msg.source, size: msg.source.length, created_at: now });
  }
  const base = { inbox_id: ref.inbox.id, uid_validity: ref.uidValidity, uid: msg.uid, sha256, direction: 'in' as const, received_at: receivedAt(msg, null, now) };
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
  const row = inboundRow(ref, msg, sha256, messageId, parsed, now);
  if (cls.kind === 'bounce') return storeBounce(db, ctx, ref, mail, msg.source, row, now);
  const thread = await findThread(db, ref.agency.id, mail, ctx.secret);
  // A citizen writing on a case closed longer ago than the reopen window starts a new case, linked to the old.
  if (thread.ticket && cls.kind === 'human' && await answerOpensNewTicket(db, thread.ticket, now, ctx.reopenWindowDays ?? DEFAULT_REOPEN_WINDOW_DAYS)) {
    return openTicket(db, ctx, ref, opener, msg, parsed, row, thread.ticket, now, 'follow_up_of');
  }
  if (thread.ticket) {
    const saved = await Message.create({ ...row, ticket_id: thread.ticket.id });
    // Auto-replies attach without touching status or the SLA clock (helpdesk.md §7 #1).
    await event(db, thread.ticket.id, cls.kind === 'human' ? 'inbound' : 'inbound_auto', saved.id, { via: thread.decision.action === 'append' ? thread.decision.via : null }, now);
    // The citizen's answer resumes a clock waiting for it, or reopens a recently resolved case (tickets/citizen-answer.ts).
    if (cls.kind === 'human') await onCitizenAnswer(db, thread.ticket.id, { at: now, from: row.from_address ?? '' });
    return cls.kind === 'human' ? 'threaded' : 'auto';
  }
  if (cls.kind !== 'human') {
    await Message.create(row);
    return 'auto';
  }
  return openTicket(db, ctx, ref, opener, msg, parsed, row, thread.mayRelateTo, now);
}

async function openTicket(db: Db, ctx: IngestContext, ref: InboxRef, opener: TicketOpener, msg: FetchedRaw, parsed: ParsedOk,
  row: Partial<MessageAttrs>, mayRelateTo: TicketAttrs | null, now: Date, relation: 'may_relate_to' | 'follow_up_of' = 'may_relate_to'): Promise<IngestOutcome> {
  // The same mail sent To agency A and Cc agency B: one ticket each, linked (helpdesk.md §7 #6).
  const sameMail = await db.models.Message.findOne({ where: { message_id: row.message_id!, direction: 'in' } });
  const sameTicket = sameMail?.ticket_id ?? null;
  const related = sameTicket ? { ticketId: sameTicket, relation: 'same_mail' as const }
    : mayRelateTo ? { ticketId: mayRelateTo.id, relation } : null;
  const input = ticketFromMail(ctx, ref, msg, parsed, now, related);
  const { ticket } = await opener.openOne(input);
  const saved = await db.models.Message.create({ ...row, ticket_id: ticket.id });
  await event(db, ticket.id, openingEventKind(input), saved.id, related ? { related } : null, now);
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
