// Who may see and change which tickets. The scope goes into every query (never filtered after loading), so
// an agent of agency A asking for agency B's ref gets the same "not found" as for a ref that does not exist.
import type { Db } from '../../db/index.js';
import type { Role, UserAttrs } from '../../db/models/foundation.js';
import type { TicketAttrs } from '../../db/models/hotline.js';
import { TicketForbiddenError, TicketNotFoundError } from './errors.js';
import { isReadOnlyCopy } from './sla-hooks.js';

/** undefined = every agency (province-wide users); otherwise the agency ids the actor works in. */
export type AgencyIds = number[] | undefined;

export type Actor = Pick<UserAttrs, 'id' | 'username' | 'role' | 'agency_id'>;

/** Roles that see the queue at all; leaders only read. */
export const TICKET_READ_ROLES: readonly Role[] = ['agent', 'supervisor', 'leader', 'admin'];
export const TICKET_WRITE_ROLES: readonly Role[] = ['agent', 'supervisor', 'admin'];

export function scopeOf(actor: Pick<UserAttrs, 'agency_id'>): AgencyIds {
  return actor.agency_id === null || actor.agency_id === undefined ? undefined : [actor.agency_id];
}

export function canWrite(actor: Pick<UserAttrs, 'role'>): boolean {
  return TICKET_WRITE_ROLES.includes(actor.role);
}

export function scopeWhere(scope: AgencyIds): { agency_id?: number[] } {
  return scope ? { agency_id: scope } : {};
}

/** The ticket by ref inside the scope, or TicketNotFoundError (also when it exists in another agency). */
export async function findScopedTicket(db: Db, ref: string, scope: AgencyIds): Promise<TicketAttrs> {
  const clean = ref.trim().toUpperCase();
  const row = clean ? await db.models.Ticket.findOne({ where: { ref: clean, ...scopeWhere(scope) } }) : null;
  if (!row) throw new TicketNotFoundError(clean);
  return row.get({ plain: true }) as TicketAttrs;
}

/**
 * For changes: in scope first (404 beats 403, so the answer never confirms another agency's ref), then role,
 * then not the sending agency's read-only copy of a referred ticket.
 */
export async function findWritableTicket(db: Db, ref: string, actor: Actor): Promise<TicketAttrs> {
  const ticket = await findScopedTicket(db, ref, scopeOf(actor));
  if (!canWrite(actor)) throw new TicketForbiddenError(`role ${actor.role} may not change tickets`);
  if (await isReadOnlyCopy(db, ticket.id)) throw new TicketForbiddenError(`${ticket.ref} was referred; this copy is read-only`);
  return ticket;
}
