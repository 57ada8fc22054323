// The `govmail tickets` listing (DESIGN.md §6 contract shape): the queue's query (list.ts findTickets) over every
// ticket the actor may see, in the order they were opened, mapped to the contract's fields. The CLI runs as its
// operator, a province-wide system actor, so it lists every agency unless --agency narrows it.
import { fn, col, Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { TicketAttrs } from '../../db/models/hotline.js';
import type { Role } from '../../db/models/foundation.js';
import { TicketForbiddenError } from './errors.js';
import { findTickets } from './list.js';
import { TICKET_READ_ROLES, type AgencyIds } from './scope.js';
import { normaliseAgencyCode } from '../org/index.js';

export interface TicketListItem {
  ref: string; agency: string; status: string; category: string | null; priority: string;
  citizen: string; subject: string; messages: number; due_at: string | null;
}

/** A ticket in the contract's shape; `agency` is the agency's code. */
export function toListItem(t: TicketAttrs, agencyCode: string, messages: number): TicketListItem {
  return {
    ref: t.ref, agency: agencyCode, status: t.status, category: t.category, priority: t.priority,
    citizen: t.citizen_address, subject: t.subject, messages, due_at: t.due_at ? t.due_at.toISOString() : null,
  };
}

/** Who lists: a role and an agency, or null for province-wide (auth's Actor, e.g. the CLI operator, fits). */
export interface ListingActor { role: Role; agencyId: number | null }

export async function listTickets(db: Db, actor: ListingActor, filter: { agencyCode?: string; status?: string } = {}): Promise<TicketListItem[]> {
  if (!TICKET_READ_ROLES.includes(actor.role)) throw new TicketForbiddenError(`role ${actor.role} may not list tickets`);
  const agencies = await db.models.Agency.findAll({ attributes: ['id', 'code'] });
  let scope: AgencyIds = actor.agencyId === null ? undefined : [actor.agencyId];
  if (filter.agencyCode) {
    // an agency outside the actor's scope is as unknown as one that does not exist
    const wanted = normaliseAgencyCode(filter.agencyCode);
    const a = agencies.find((x) => x.code === wanted && (!scope || scope.includes(x.id)));
    if (!a) throw new Error(`unknown agency ${filter.agencyCode}`);
    scope = [a.id];
  }
  const tickets = await findTickets(db, { scope, status: filter.status });
  const counts = tickets.length ? (await db.models.Message.findAll({
    attributes: ['ticket_id', [fn('COUNT', col('id')), 'n']], where: { ticket_id: { [Op.ne]: null } }, group: ['ticket_id'], raw: true,
  })) as unknown as { ticket_id: number; n: number | string }[] : [];
  const code = new Map(agencies.map((a) => [a.id, a.code]));
  const messages = new Map(counts.map((c) => [c.ticket_id, Number(c.n)]));
  return tickets.map((t) => toListItem(t, code.get(t.agency_id) ?? '', messages.get(t.id) ?? 0));
}

/** A ticket's id from its case ref as typed (trimmed, upper-cased); null when there is none. */
export async function ticketIdByRef(db: Db, ref: string): Promise<number | null> {
  const t = await db.models.Ticket.findOne({ where: { ref: ref.trim().toUpperCase() }, attributes: ['id'], raw: true });
  return t?.id ?? null;
}
