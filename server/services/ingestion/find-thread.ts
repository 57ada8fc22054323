// The database half of threading: finds the candidates decideThread chooses between, always within the
// inbox's own agency (a reply to agency A's receipt that reaches agency B opens B's own ticket).
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { ParsedMail } from '../../mail/parsed-mail.js';
import type { TicketAttrs } from '../../db/models/hotline.js';
import {
  decideThread, findBodyMarker, ownTicketRefFromHeaders, referenceLookupIds, subjectCaseRef, type ThreadDecision,
} from './thread-decision.js';
import type { Secrets } from './thread-tokens.js';

async function ticketByRef(db: Db, agencyId: number, ref: string | null): Promise<TicketAttrs | null> {
  if (!ref) return null;
  const t = await db.models.Ticket.findOne({ where: { ref, agency_id: agencyId } });
  return t ? (t.get({ plain: true }) as TicketAttrs) : null;
}

/** The ticket of a stored inbound message or outbox mail whose Message-ID is one of `ids`. */
export async function ticketByMessageIds(db: Db, agencyId: number, ids: string[]): Promise<TicketAttrs | null> {
  if (!ids.length) return null;
  const msg = await db.models.Message.findOne({ where: { message_id: { [Op.in]: ids }, ticket_id: { [Op.ne]: null } }, order: [['id', 'DESC']] });
  const bracketed = ids.map((id) => `<${id}>`);
  const out = msg ? null : await db.models.Outbox.findOne({ where: { message_id: { [Op.in]: bracketed }, ticket_id: { [Op.ne]: null } } });
  const ticketId = msg?.ticket_id ?? out?.ticket_id;
  if (!ticketId) return null;
  const t = await db.models.Ticket.findOne({ where: { id: ticketId, agency_id: agencyId } });
  return t ? (t.get({ plain: true }) as TicketAttrs) : null;
}

async function senderTakesPart(db: Db, ticket: TicketAttrs, sender: string): Promise<boolean> {
  if (!sender) return false;
  if (ticket.citizen_address === sender) return true;
  return (await db.models.Message.count({ where: { ticket_id: ticket.id, from_address: sender } })) > 0;
}

export interface ThreadResult {
  decision: ThreadDecision;
  ticket: TicketAttrs | null;
  mayRelateTo: TicketAttrs | null;
}

export async function findThread(db: Db, agencyId: number, mail: ParsedMail, secret: Secrets): Promise<ThreadResult> {
  const sender = (mail.from?.address ?? '').toLowerCase();
  const byOwn = await ticketByRef(db, agencyId, ownTicketRefFromHeaders(mail.inReplyTo, mail.references, secret));
  const byRefs = byOwn ? null : await ticketByMessageIds(db, agencyId, referenceLookupIds(mail.inReplyTo, mail.references));
  const byMarker = byOwn || byRefs ? null : await ticketByRef(db, agencyId, findBodyMarker(`${mail.text}\n${mail.html ?? ''}`, secret));
  const subjectTicket = byOwn || byRefs || byMarker ? null : await ticketByRef(db, agencyId, subjectCaseRef(mail.subject));
  const decision = decideThread({
    byOwnMessageId: byOwn?.ref, byReferences: byRefs?.ref, byBodyMarker: byMarker?.ref,
    bySubjectRef: subjectTicket ? { ticketRef: subjectTicket.ref, senderParticipates: await senderTakesPart(db, subjectTicket, sender) } : null,
  });
  const ticket = decision.action === 'append' ? [byOwn, byRefs, byMarker, subjectTicket].find((t) => t?.ref === decision.ticketRef) ?? null : null;
  return { decision, ticket, mayRelateTo: decision.action === 'new' && decision.mayRelateTo ? subjectTicket : null };
}
