// Opening a ticket: case ref (AGENCY-YEAR-SEQUENCE), legal deadline from the class's resolution period on the
// working-day calendar, and a lookup code whose hash only is stored (the citizen's copy is in the receipt).
import { createHash, randomInt } from 'node:crypto';
import type { Db } from '../../db/index.js';
import type { TicketAttrs } from '../../db/models/hotline.js';
import { TICKET_CLASSES } from '../org/categories.js';
import { addPeriod, createCalendar, type WorkCalendar } from '../sla/index.js';
import { formatRef, lastRefSequence, refPrefixOf } from '../threading/index.js';
import { triageAndStartClock } from './on-ticket-created.js';
import type { TriageMail } from '../triage/rules.js';

export const DEFAULT_TICKET_CLASS = 'phan_anh_kien_nghi';

let calendar: WorkCalendar | undefined;

export function lookupCodeHash(ref: string, code: string): string {
  return createHash('sha256').update(`${ref}\n${code}`).digest('hex');
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

export const newLookupCode = (): string => String(randomInt(0, 100_000_000)).padStart(8, '0');

/**
 * The row of a new ticket before triage and clock (which may change class, agency and deadlines). The
 * provisional deadlines are the default class's on the default calendar; a caller that starts the clock
 * itself passes `deadlines: false` and sets them from the clock.
 */
export function newTicketRow(t: NewTicket, ref: string, lookupCode: string, opts: { deadlines?: boolean } = {}): Omit<TicketAttrs, 'id'> {
  const cls = TICKET_CLASSES.find((c) => c.code === DEFAULT_TICKET_CLASS) ?? TICKET_CLASSES[0];
  calendar ??= createCalendar();
  const provisional = opts.deadlines ?? true;
  return {
    ref, agency_id: t.agencyId, status: t.history ? 'archived' : 'new', class: cls.code, category: null, priority: 'normal',
    citizen_address: t.citizenAddress.toLowerCase().slice(0, 190), citizen_name: t.citizenName?.slice(0, 255) || null,
    subject: t.subject.slice(0, 500), lookup_code_hash: lookupCodeHash(ref, lookupCode), received_at: t.receivedAt,
    due_at: provisional ? addPeriod(t.receivedAt, cls.resolution, calendar) : null,
    first_response_due_at: provisional ? addPeriod(t.receivedAt, cls.firstResponse, calendar) : null,
    related_ticket_id: t.related?.ticketId ?? null, relation: t.related?.relation ?? null, history: t.history, undeliverable: false,
  } as Omit<TicketAttrs, 'id'>;
}

export async function createTicket(db: Db, t: NewTicket): Promise<{ ticket: TicketAttrs; lookupCode: string }> {
  const prefix = refPrefixOf(t.agencyCode, t.receivedAt);
  const ref = formatRef(prefix, (await lastRefSequence(db, prefix)) + 1);
  const lookupCode = newLookupCode();
  const row = await db.models.Ticket.create(newTicketRow(t, ref, lookupCode));
  const created = row.get({ plain: true }) as TicketAttrs;
  const ticket = t.triage === undefined ? created : await triageAndStartClock(db, created, t.triage);
  return { ticket, lookupCode };
}
