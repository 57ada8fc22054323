// The `govmail tickets` listing (DESIGN.md §6 contract shape).
import { fn, col } from 'sequelize';
import type { Db } from '../../db/index.js';

export interface TicketListItem {
  ref: string; agency: string; status: string; category: string | null; priority: string;
  citizen: string; subject: string; messages: number; due_at: string | null;
}

export async function listTickets(db: Db, filter: { agencyCode?: string; status?: string } = {}): Promise<TicketListItem[]> {
  const agencies = await db.models.Agency.findAll({ attributes: ['id', 'code'] });
  const code = new Map(agencies.map((a) => [a.id, a.code]));
  const where: Record<string, unknown> = {};
  if (filter.agencyCode) {
    const a = agencies.find((x) => x.code === filter.agencyCode);
    if (!a) throw new Error(`unknown agency ${filter.agencyCode}`);
    where.agency_id = a.id;
  }
  if (filter.status) where.status = filter.status;
  const tickets = await db.models.Ticket.findAll({ where, order: [['id', 'ASC']] });
  const counts = (await db.models.Message.findAll({ attributes: ['ticket_id', [fn('COUNT', col('id')), 'n']], group: ['ticket_id'], raw: true })) as unknown as { ticket_id: number; n: number }[];
  const n = new Map(counts.map((c) => [c.ticket_id, Number(c.n)]));
  return tickets.map((t) => ({
    ref: t.ref, agency: code.get(t.agency_id) ?? '', status: t.status, category: t.category, priority: t.priority,
    citizen: t.citizen_address, subject: t.subject, messages: n.get(t.id) ?? 0, due_at: t.due_at ? t.due_at.toISOString() : null,
  }));
}
