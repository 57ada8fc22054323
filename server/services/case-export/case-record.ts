// Everything a case holds, loaded for its export: the ticket, every inbound mail with its stored raw bytes,
// every outbound mail (the outbox rows of the ticket), the events, the audit rows about it and who viewed it. The scope goes
// into the lookup (tickets' findScopedTicket), so another agency's ref is "not found", as on the ticket page.
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { AuditAttrs } from '../../db/models/foundation.js';
import type { MessageAttrs, OutboxAttrs, TicketAttrs, TicketEventAttrs } from '../../db/models/hotline.js';
import { composeMail } from '../../mail/transport.js';
import { outgoingOf, sentBytes } from '../outbox/index.js';
import { findScopedTicket, scopeOf, TICKET_READ_ROLES, TicketForbiddenError, ticketViewers, type Actor, type TicketViewerEntry } from '../tickets/index.js';

/** Who exports: a web user, or the CLI operator (province-wide). */
export type ExportActor = Pick<Actor, 'username' | 'role' | 'agency_id'>;

export interface CaseMail {
  direction: 'in' | 'out';
  at: Date;
  from: string;
  to: string;
  subject: string;
  text: string;
  /** the .eml: inbound exactly as stored; outbound the bytes it was sent with when kept, else rebuilt from its outbox row */
  bytes: Buffer;
  exact: boolean;
  /** outbound only: queued, sent, failed… */
  state: string | null;
}

export interface CaseRecord {
  ticket: TicketAttrs;
  agency: { code: string; name: string };
  mails: CaseMail[];
  events: TicketEventAttrs[];
  audit: AuditAttrs[];
  /** who viewed the case on the ticket page: first and last view, visits */
  viewers: TicketViewerEntry[];
}

/** The case of `ref` in the actor's scope; roles that read tickets may export (leaders too: inspections). */
/** `found` runs once the case is found and the actor allowed, before the rest loads (the export's own audit row
 *  is then part of the trail it exports). */
export async function loadCaseRecord(db: Db, ref: string, actor: ExportActor, found: (t: TicketAttrs) => Promise<void> = async () => {}): Promise<CaseRecord> {
  const ticket = await findScopedTicket(db, ref, scopeOf(actor));
  if (!TICKET_READ_ROLES.includes(actor.role)) throw new TicketForbiddenError(`role ${actor.role} may not export cases`);
  await found(ticket);
  // Not raw: the models turn SQLite's date text into Dates.
  const plain = <T>(rows: { get(o: { plain: true }): unknown }[]) => rows.map((r) => r.get({ plain: true }) as T);
  const [agency, messages, outbox, events, audit, viewers] = await Promise.all([
    db.models.Agency.findByPk(ticket.agency_id, { attributes: ['code', 'name'] }),
    db.models.Message.findAll({ where: { ticket_id: ticket.id, classification: { [Op.ne]: 'duplicate' } }, order: [['id', 'ASC']] }).then(plain<MessageAttrs>),
    db.models.Outbox.findAll({ where: { ticket_id: ticket.id }, order: [['id', 'ASC']] }).then(plain<OutboxAttrs>),
    db.models.TicketEvent.findAll({ where: { ticket_id: ticket.id }, order: [['at', 'ASC'], ['id', 'ASC']] }).then(plain<TicketEventAttrs>),
    db.models.AuditLog.findAll({ where: { target: ticket.ref }, order: [['id', 'ASC']] }).then(plain<AuditAttrs>),
    ticketViewers(db, ticket.id),
  ]);
  const mails: CaseMail[] = [];
  for (const m of messages) mails.push(await storedMail(db, m));
  // Outbound mail whose exact bytes are stored as a message row of the ticket is already above.
  const stored = new Set(messages.filter((m) => m.direction === 'out').map((m) => m.message_id));
  for (const o of outbox) if (!o.message_id || !stored.has(o.message_id)) mails.push(await outboxMail(db, o));
  mails.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { ticket, agency: { code: agency?.code ?? '', name: agency?.name ?? '' }, mails, events, audit, viewers };
}

async function storedMail(db: Db, m: MessageAttrs): Promise<CaseMail> {
  const raw = await db.models.RawMessage.findByPk(m.sha256);
  return { direction: m.direction, at: m.received_at ?? m.created_at ?? new Date(0), from: m.from_address ?? '', to: '', subject: m.subject ?? '',
    text: m.text_body ?? '', bytes: raw ? Buffer.from(raw.bytes) : Buffer.alloc(0), exact: Boolean(raw), state: m.direction === 'out' ? 'sent' : null };
}

/** The bytes the mail went out as (kept beside the outbox row since migration 0022, outbox/exact-bytes.ts); only a
 *  row with none kept (sent before, or never built) is rebuilt from its fields, and marked not exact. */
async function outboxMail(db: Db, o: OutboxAttrs): Promise<CaseMail> {
  const sent = await sentBytes(db, o.id);
  return { direction: 'out', at: o.sent_at ?? o.created_at ?? new Date(0), from: o.from_address, to: o.to_address, subject: o.subject, text: o.text_body,
    bytes: sent ?? await composeMail(await outgoingOf(db, o)), exact: sent !== null, state: o.status };
}
