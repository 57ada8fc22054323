// The row of a new ticket (open-ticket.ts writes it): provisional legal deadlines from the default class on the
// default working-day calendar, and a lookup code whose hash only is stored (the citizen's copy is in the receipt).
import { createHash, createHmac, randomInt } from 'node:crypto';
import { env } from '../../config/env.js';
import type { TicketAttrs } from '../../db/models/hotline.js';
import { TICKET_CLASSES } from '../org/index.js';
import { stripToneMarks } from '../text/index.js';
import { addPeriod, createCalendar, type WorkCalendar } from '../sla/index.js';

export const DEFAULT_TICKET_CLASS = 'phan_anh_kien_nghi';

let calendar: WorkCalendar | undefined;

/** HMAC-SHA256 of "ref\ncode" under a key derived from SECRET_KEY: without the key, a stolen hash cannot be
 *  searched over the 10^8 codes. Same length as the old form, so the column and old rows stay as they are. */
export function lookupCodeHash(ref: string, code: string, secretKey = env().SECRET_KEY): string {
  const key = createHash('sha256').update(`govmail.lookup-code.v1\n${secretKey}`).digest();
  return createHmac('sha256', key).update(`${ref}\n${code}`).digest('hex');
}

/** The form tickets opened before the HMAC carry (re-hashing them needs the codes, which only citizens hold):
 *  still verified, never written. */
export function legacyLookupCodeHash(ref: string, code: string): string {
  return createHash('sha256').update(`${ref}\n${code}`).digest('hex');
}

export interface NewTicket {
  agencyId: number;
  citizenAddress: string;
  citizenName: string | null;
  subject: string;
  receivedAt: Date;
  history: boolean;
  related?: { ticketId: number; relation: NonNullable<TicketAttrs['relation']> } | null;
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
    citizen_folded: t.citizenName ? stripToneMarks(t.citizenName).toLowerCase().slice(0, 255) : null,
    subject: t.subject.slice(0, 500), lookup_code_hash: lookupCodeHash(ref, lookupCode), received_at: t.receivedAt,
    due_at: provisional ? addPeriod(t.receivedAt, cls.resolution, calendar) : null,
    first_response_due_at: provisional ? addPeriod(t.receivedAt, cls.firstResponse, calendar) : null,
    related_ticket_id: t.related?.ticketId ?? null, relation: t.related?.relation ?? null, history: t.history, undeliverable: false,
  } as Omit<TicketAttrs, 'id'>;
}
