// The two answers to a mail that made no ticket (review-list.ts), each exactly once however often it is clicked:
// - "Đây là thư của công dân": a set-aside mail becomes a ticket through the one opening path (TicketOpener, the
//   input ticketFromMail builds for any citizen mail) at the time the mail server received it, so the legal clock
//   starts then, not at the review; the receipt goes through the outbox under its key ack:<ticket>.
// - "Xử lý lại": a quarantined mail goes through the per-message ingest path again (storeMessage), after a fix
//   to the parser or its limits; it may come out a ticket, threaded, set aside, or quarantined again.
// Each claims its row with a conditional write first; the affected-row count decides who won, on SQLite and
// MariaDB alike, so a double click finds the work done ('already', with the case it made: review-handled.ts).
import type { Db } from '../../db/index.js';
import { execWrite, inTransaction } from '../../db/index.js';
import { audit } from '../audit/index.js';
import { TicketInputError, TicketOpener } from '../tickets/index.js';
import type { IngestContext } from './ingest-context.js';
import { storeMessage, type IngestOutcome } from './ingest-message.js';
import { openingEventKind, ticketFromMail } from './mail-ticket.js';
import { parseAndClassify, type FetchedRaw, type InboxRef } from './prepared-message.js';
import type { ReviewActor } from './review-list.js';
import { mailToReview } from './review-handled.js';

/** A review action on a mail not (or no longer) waiting for it: `field` is 'review', the message its reason. */
const refuse = (reason: 'already' | 'quarantined' | 'not_quarantined' | 'unparseable') => new TicketInputError('review', reason);

async function inboxRefOf(db: Db, inboxId: number, uidValidity: string): Promise<InboxRef> {
  const inbox = (await db.models.HotlineInbox.findByPk(inboxId))!;
  const agency = (await db.models.Agency.findByPk(inbox.agency_id, { attributes: ['id', 'code', 'name'] }))!;
  // No cursor moves here, so no lease is needed: storeMessage writes only this mail's rows.
  return { inbox: { id: inbox.id, agency_id: inbox.agency_id, history_cutoff: inbox.history_cutoff, address: inbox.address },
    agency: { id: agency.id, code: agency.code, name: agency.name }, uidValidity, leaseOwner: 'review', leaseMs: 0 };
}

async function rawOf(db: Db, mail: { sha256: string; uid: number | null; received_at: Date | null }): Promise<FetchedRaw> {
  const raw = await db.models.RawMessage.findByPk(mail.sha256);
  if (!raw) throw refuse('unparseable');
  // The mail server's receive time stands in for INTERNALDATE, so the ticket counts from it.
  return { uid: mail.uid ?? 0, source: Buffer.from(raw.bytes), internalDate: mail.received_at };
}

export interface Converted { ref: string; ticketId: number; receivedAt: Date }

/** "Đây là thư của công dân": the set-aside mail opens a ticket dated when the mail server received it. */
export async function convertToTicket(db: Db, ctx: IngestContext, input: { mailId: number; actor: ReviewActor; mailKey?: string; now?: Date }): Promise<Converted> {
  return inTransaction(db.sequelize, async () => {
    const mail = await mailToReview(db, input.actor, input.mailId, input.mailKey);
    if (mail.classification === 'quarantined') throw refuse('quarantined');
    const now = input.now ?? ctx.now?.() ?? new Date();
    const claimed = await execWrite(db.sequelize,
      `UPDATE messages SET classification = 'human', class_reason = :reason WHERE id = :id AND ticket_id IS NULL AND classification = :was`,
      { id: mail.id, was: mail.classification, reason: `reviewed:${mail.classification}`.slice(0, 190) });
    if (claimed !== 1) throw refuse('already');
    const msg = await rawOf(db, mail);
    const parsed = await parseAndClassify(msg.source, ctx);
    if (!parsed.ok) throw refuse('unparseable');
    const ref = await inboxRefOf(db, mail.inbox_id!, mail.uid_validity ?? '');
    const opening = ticketFromMail(ctx, ref, msg, { ...parsed, cls: { kind: 'human', reason: 'reviewed' } }, now);
    const { ticket } = await new TicketOpener(db, ctx).openOne(opening);
    await db.models.Message.update({ ticket_id: ticket.id }, { where: { id: mail.id } });
    await db.models.TicketEvent.create({ ticket_id: ticket.id, kind: openingEventKind(opening), message_id: mail.id,
      details: JSON.stringify({ reviewed: { by: input.actor.username, was: mail.classification, reason: mail.class_reason } }), at: now });
    await audit(db, { actor: input.actor.username, action: 'review.convert', target: ticket.ref,
      details: { mail: mail.id, was: mail.classification, reason: mail.class_reason, receivedAt: opening.receivedAt } });
    return { ref: ticket.ref, ticketId: ticket.id, receivedAt: opening.receivedAt };
  });
}

export interface Reprocessed { outcome: IngestOutcome; ticketRef: string | null }

/** "Xử lý lại": a quarantined mail through the ingest path again; its quarantine row gives way to what it becomes. */
export async function reprocessQuarantined(db: Db, ctx: IngestContext, input: { mailId: number; actor: ReviewActor; mailKey?: string; now?: Date }): Promise<Reprocessed> {
  return inTransaction(db.sequelize, async () => {
    // a mail already re-processed is found again by its key (mailKey) and answered 'already', with its case
    const mail = await mailToReview(db, input.actor, input.mailId, input.mailKey);
    if (mail.classification !== 'quarantined') throw refuse('not_quarantined');
    // The claim: the quarantine row is removed (its raw bytes stay, content-addressed) so storeMessage can write
    // the mail's row under the same UID; a second click removes nothing and stops here.
    const claimed = await execWrite(db.sequelize, `DELETE FROM messages WHERE id = :id AND classification = 'quarantined' AND ticket_id IS NULL`, { id: mail.id });
    if (claimed !== 1) throw refuse('already');
    const msg = await rawOf(db, mail);
    const now = input.now ?? ctx.now?.() ?? new Date();
    const ref = await inboxRefOf(db, mail.inbox_id!, mail.uid_validity ?? '');
    const parsed = await parseAndClassify(msg.source, ctx);
    const outcome = await storeMessage(db, ctx, ref, new TicketOpener(db, ctx), msg, parsed, mail.sha256, now);
    const row = await db.models.Message.findOne({ where: { inbox_id: ref.inbox.id, uid_validity: ref.uidValidity, uid: msg.uid }, attributes: ['ticket_id'] });
    const ticket = row?.ticket_id ? await db.models.Ticket.findByPk(row.ticket_id, { attributes: ['ref'] }) : null;
    await audit(db, { actor: input.actor.username, action: 'review.reprocess', target: ticket?.ref ?? `mail:${mail.id}`,
      details: { mail: mail.id, was: mail.quarantine_reason, outcome } });
    return { outcome, ticketRef: ticket?.ref ?? null };
  });
}
