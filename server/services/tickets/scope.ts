// Who may see and change which tickets. The scope goes into every query (never filtered after loading), so
// an agent of agency A asking for agency B's ref gets the same "not found" as for a ref that does not exist.
import { Transaction } from 'sequelize';
import { inList, modelRow, readRows, selectColumns, type Db } from '../../db/index.js';
import type { Role, UserAttrs } from '../../db/models/foundation.js';
import type { TicketAttrs } from '../../db/models/hotline.js';
import { TicketForbiddenError, TicketNotFoundError } from './errors.js';
import { isReadOnlyCopy } from './sla-hooks.js';
import { assertFresh, type Seen } from './staleness.js';
import { formOnce, type FormOnce } from './form-once.js';

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

/** The ticket by ref inside the scope, or TicketNotFoundError (also when it exists in another agency). Raw
 *  (db/read-rows.ts): the ticket page reads it more than once per request. */
export async function findScopedTicket(db: Db, ref: string, scope: AgencyIds): Promise<TicketAttrs> {
  const clean = ref.trim().toUpperCase();
  if (scope && !scope.length) throw new TicketNotFoundError(clean);
  const inScope = scope ? ` AND t.agency_id IN (${inList(scope)})` : '';
  const [row] = clean ? await readRows(db, `SELECT ${selectColumns(db.models.Ticket, 't', '')} FROM tickets t WHERE t.ref = ?${inScope} LIMIT 1`, [clean, ...(scope ?? [])]) : [];
  if (!row) throw new TicketNotFoundError(clean);
  return modelRow<TicketAttrs>(db.models.Ticket, row, '');
}

/** The ticket's row by ref inside the scope, read with a write lock (FOR UPDATE on MariaDB; SQLite has one writer). */
export async function lockScopedTicket(db: Db, ref: string, scope: AgencyIds): Promise<TicketAttrs | null> {
  const clean = ref.trim().toUpperCase();
  const row = clean ? await db.models.Ticket.findOne({ where: { ref: clean, ...scopeWhere(scope) }, lock: Transaction.LOCK.UPDATE }) : null;
  return row ? (row.get({ plain: true }) as TicketAttrs) : null;
}

/**
 * The one door of every change to a ticket (reply, note, status, assignment, clock, classification, referral,
 * extension, merge, bulk): in scope first (404 beats 403, so the answer never confirms another agency's ref), then
 * role, then not the sending agency's read-only copy of a referred ticket, then not drawn from a stale version
 * (`seen`, staleness.ts). Call it first in the action's transaction: it locks the ticket's row until the action
 * commits, so two actions on one ticket run one after the other and the stale check sees every change committed
 * before the write. Being the transaction's first read also matters on MariaDB: under REPEATABLE READ the
 * snapshot the later plain reads see is taken at the first plain read, after the lock was granted.
 */
export async function findWritableTicket(db: Db, ref: string, actor: Actor, seen?: Seen): Promise<TicketAttrs> {
  return (await openForChange(db, ref, actor, seen)).ticket;
}

/**
 * findWritableTicket for an action posted with a one-time form key (form-once.ts). A repeat of a form already done
 * is answered as such before the stale check: a colleague's change that came between the first submission and
 * the repeat would otherwise answer the repeat "changed since" and invite the person to do it again. Call
 * `once.done(eventId)` after the writes.
 */
export async function openForChange(db: Db, ref: string, actor: Actor, seen?: Seen,
  form?: Parameters<typeof formOnce>[3]): Promise<{ ticket: TicketAttrs; once: FormOnce }> {
  const ticket = await lockScopedTicket(db, ref, scopeOf(actor));
  if (!ticket) throw new TicketNotFoundError(ref.trim().toUpperCase());
  if (!canWrite(actor)) throw new TicketForbiddenError(`role ${actor.role} may not change tickets`);
  if (await isReadOnlyCopy(db, ticket.id)) throw new TicketForbiddenError(`${ticket.ref} was referred; this copy is read-only`);
  const once = form ? await formOnce(db, ticket, actor, form) : { done: async () => undefined };
  await assertFresh(db, ticket, actor, seen);
  return { ticket, once };
}
