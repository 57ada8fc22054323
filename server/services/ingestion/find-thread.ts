// The database half of threading: finds the candidates decideThread chooses between, always within the
// inbox's own agency (a reply to agency A's receipt that reaches agency B opens B's own ticket).
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { ParsedMail } from '../../mail/parsed-mail.js';
import type { TicketAttrs } from '../../db/models/hotline.js';
import { decideThread, ownTicketRefFromHeaders, referenceLookupIds, subjectCaseRef, type ThreadDecision } from './thread-decision.js';
import { answeredSubject, subjectKey } from './reply-subject.js';
import { findBodyMarker, type Secrets } from '../threading/index.js';
import { FINISHED_STATUSES } from '../tickets/index.js';

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

const ANSWERED_LOOKBACK = 50;

/**
 * The sender's open ticket whose subject the mail answers ("Re: X" answers X, and so does an earlier "Re: X"), or
 * null. Of several, the oldest: the one the conversation started with, so every later answer is offered for merge
 * into the same ticket rather than into a chain. The sender is the From or Reply-To address a ticket was opened
 * for; only their newest few open tickets are compared.
 */
async function openTicketAnswered(db: Db, agencyId: number, mail: ParsedMail): Promise<TicketAttrs | null> {
  const key = answeredSubject(mail.subject);
  const senders = [...new Set([mail.from?.address, mail.replyTo[0]?.address].filter((a): a is string => Boolean(a)).map((a) => a.toLowerCase()))];
  if (key === null || !senders.length) return null;
  const open = await db.models.Ticket.findAll({ where: { agency_id: agencyId, citizen_address: { [Op.in]: senders }, status: { [Op.notIn]: FINISHED_STATUSES } },
    order: [['id', 'DESC']], limit: ANSWERED_LOOKBACK, raw: true });
  return (open as TicketAttrs[]).filter((t) => subjectKey(t.subject) === key).at(-1) ?? null;
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
  // A stranger's References only relate: the lookups below still run, as for a mail without them.
  const refsThread = byRefs !== null && await senderTakesPart(db, byRefs, sender);
  const byMarker = byOwn || refsThread ? null : await ticketByRef(db, agencyId, findBodyMarker(`${mail.text}\n${mail.html ?? ''}`, secret));
  const subjectTicket = byOwn || refsThread || byMarker ? null : await ticketByRef(db, agencyId, subjectCaseRef(mail.subject));
  const answered = byOwn || refsThread || byMarker || subjectTicket ? null : await openTicketAnswered(db, agencyId, mail);
  const decision = decideThread({
    byOwnMessageId: byOwn?.ref, byReferences: byRefs ? { ticketRef: byRefs.ref, senderParticipates: refsThread } : null, byBodyMarker: byMarker?.ref,
    bySubjectRef: subjectTicket ? { ticketRef: subjectTicket.ref, senderParticipates: await senderTakesPart(db, subjectTicket, sender) } : null,
    byAnsweredSubject: answered?.ref,
  });
  const ticket = decision.action === 'append' ? [byOwn, byRefs, byMarker, subjectTicket].find((t) => t?.ref === decision.ticketRef) ?? null : null;
  const mayRelateTo = decision.action === 'new' && decision.mayRelateTo
    ? [byRefs, subjectTicket, answered].find((t) => t?.ref === decision.mayRelateTo) ?? null : null;
  return { decision, ticket: await survivor(db, ticket), mayRelateTo: await survivor(db, mayRelateTo) };
}

/** A ticket merged into another (tickets/merge.ts) lives on in that one: mail for it goes there. */
const MAX_MERGE_HOPS = 5;
async function survivor(db: Db, ticket: TicketAttrs | null): Promise<TicketAttrs | null> {
  let t = ticket;
  for (let hop = 0; t && t.relation === 'merged_into' && t.related_ticket_id && hop < MAX_MERGE_HOPS; hop += 1) {
    const next = await db.models.Ticket.findByPk(t.related_ticket_id);
    if (!next) break;
    t = next.get({ plain: true }) as TicketAttrs;
  }
  return t;
}
