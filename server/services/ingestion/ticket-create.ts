// Opening a ticket: case ref (AGENCY-YEAR-SEQUENCE), legal deadline from the class's resolution period on the
// working-day calendar, and a lookup code whose hash only is stored (the citizen's copy is in the receipt).
import { createHash, randomInt } from 'node:crypto';
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { TicketAttrs } from '../../db/models/hotline.js';
import { TICKET_CLASSES } from '../org/categories.js';
import { addPeriod, createCalendar, type WorkCalendar } from '../sla/index.js';
import { triageAndStartClock } from '../tickets/on-ticket-created.js';
import type { TriageMail } from '../triage/rules.js';

export const DEFAULT_TICKET_CLASS = 'phan_anh_kien_nghi';
const REF_SEQUENCE_DIGITS = 6;

let calendar: WorkCalendar | undefined;

export function lookupCodeHash(ref: string, code: string): string {
  return createHash('sha256').update(`${ref}\n${code}`).digest('hex');
}

/** Letters agencies use in codes are A-Z0-9; anything else is dropped so the ref matches CASE_REF_SOURCE. */
export function refPrefix(agencyCode: string): string {
  const clean = agencyCode.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return /^[A-Z]/.test(clean) ? clean.slice(0, 16) : `A${clean}`.slice(0, 16);
}

export interface NewTicket {
  agencyId: number;
  agencyCode: string;
  citizenAddress: string;
  citizenName: string | null;
  subject: string;
  receivedAt: Date;
  history: boolean;
  related?: { ticketId: number; relation: 'may_relate_to' | 'same_mail' } | null;
  /** The mail as triage sees it; when given, triage rules and the SLA clock run on the new ticket. */
  triage?: TriageMail | null;
}

export async function createTicket(db: Db, t: NewTicket): Promise<{ ticket: TicketAttrs; lookupCode: string }> {
  const year = t.receivedAt.getUTCFullYear();
  const prefix = `${refPrefix(t.agencyCode)}-${year}-`;
  // One inbox per agency and one lease per inbox serialise this; the unique ref index is the backstop.
  const last = await db.models.Ticket.findOne({ where: { ref: { [Op.like]: `${prefix}%` } }, order: [['id', 'DESC']], attributes: ['ref'] });
  const seq = last ? Number(last.ref.slice(prefix.length)) + 1 : 1;
  const ref = prefix + String(seq).padStart(REF_SEQUENCE_DIGITS, '0');
  const cls = TICKET_CLASSES.find((c) => c.code === DEFAULT_TICKET_CLASS) ?? TICKET_CLASSES[0];
  calendar ??= createCalendar();
  const lookupCode = String(randomInt(0, 100_000_000)).padStart(8, '0');
  const row = await db.models.Ticket.create({
    ref, agency_id: t.agencyId, status: t.history ? 'archived' : 'new', class: cls.code, category: null, priority: 'normal',
    citizen_address: t.citizenAddress.toLowerCase().slice(0, 190), citizen_name: t.citizenName?.slice(0, 255) || null,
    subject: t.subject.slice(0, 500), lookup_code_hash: lookupCodeHash(ref, lookupCode), received_at: t.receivedAt,
    due_at: addPeriod(t.receivedAt, cls.resolution, calendar), first_response_due_at: addPeriod(t.receivedAt, cls.firstResponse, calendar),
    related_ticket_id: t.related?.ticketId ?? null, relation: t.related?.relation ?? null, history: t.history, undeliverable: false,
  });
  const created = row.get({ plain: true }) as TicketAttrs;
  const ticket = t.triage === undefined ? created : await triageAndStartClock(db, created, t.triage);
  return { ticket, lookupCode };
}
