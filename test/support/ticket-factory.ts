// Tickets and their events written straight through the models, for metrics and SLA tests that need an exact
// history (receipt, replies, status changes, pauses) without going through IMAP or the staff workspace.
// Times are given as local wall-clock strings: vn('2026-03-10T08:00') is 08:00 in Hà Nội (UTC+7).
import type { Db } from '../../server/db/index.js';
import type { AgencyAttrs } from '../../server/db/models/foundation.js';
import type { TicketAttrs } from '../../server/db/models/hotline.js';

export const vn = (local: string): Date => new Date(`${local}${local.length === 16 ? ':00' : ''}+07:00`);

let seq = 0;

export async function buildAgency(db: Db, overrides: Partial<AgencyAttrs> = {}): Promise<AgencyAttrs> {
  seq += 1;
  const code = overrides.code ?? `CQ${seq}`;
  const row = await db.models.Agency.create({ code, name: `Cơ quan ${code}`, kind: 'department', ...overrides });
  return row.get({ plain: true }) as AgencyAttrs;
}

export interface TicketOverrides extends Partial<Omit<TicketAttrs, 'received_at' | 'due_at'>> {
  agency_id: number;
  /** local wall-clock time, e.g. '2026-03-10T08:00' */
  received: string;
  due?: string | null;
}

export async function buildTicket(db: Db, o: TicketOverrides): Promise<TicketAttrs> {
  seq += 1;
  const { received, due, ...rest } = o;
  const row = await db.models.Ticket.create({
    ref: `TEST-2026-${String(seq).padStart(6, '0')}`, status: 'new', class: 'phan_anh_kien_nghi', category: null, priority: 'normal',
    citizen_address: `congdan${seq}@example.vn`, citizen_name: null, subject: `Phản ánh số ${seq}`, lookup_code_hash: null,
    first_response_due_at: null, related_ticket_id: null, relation: null, history: false, undeliverable: false,
    received_at: vn(received), due_at: due ? vn(due) : null, ...rest,
  });
  return row.get({ plain: true }) as TicketAttrs;
}

export async function addEvent(db: Db, ticketId: number, kind: string, local: string, details: unknown = null): Promise<void> {
  await db.models.TicketEvent.create({ ticket_id: ticketId, kind, message_id: null, details: details === null ? null : JSON.stringify(details), at: vn(local) });
}

export const reply = (db: Db, t: TicketAttrs, local: string) => addEvent(db, t.id, 'reply', local);
export const statusChange = (db: Db, t: TicketAttrs, local: string, from: string, to: string) => addEvent(db, t.id, 'status', local, { from, to });
