// Who viewed a ticket (issue 14 item 2): one row per (ticket, user) with the first and last view and the visits
// (migration 0023 says why that shape). Written cheaply, since the ticket page is the desk's busiest page: the page
// reads the list (one query, names and roles joined) and writes only when its reader's last view is a minute old or
// more, then with one upsert whose own condition keeps two tabs at once from counting twice.
import type { Db } from '../../db/index.js';
import { execWrite, readRows } from '../../db/index.js';
import type { Role } from '../../db/models/foundation.js';
import type { TicketAttrs } from '../../db/models/hotline.js';
import { TicketForbiddenError, TicketNotFoundError } from './errors.js';
import { scopeOf, TICKET_READ_ROLES, type Actor } from './scope.js';

/** A reload within this time is the same visit: no write, no count. */
export const VIEW_VISIT_MS = 60_000;
/** The page shows the most recent viewers; the export lists them all. */
const PAGE_VIEWERS_MAX = 30;

export interface TicketViewerEntry { userId: number; username: string; name: string; role: Role; firstAt: Date; lastAt: Date; views: number }

/** Who may see a ticket's viewers: whoever may see the ticket (a reader role, the ticket in their scope). */
function assertMaySee(ticket: Pick<TicketAttrs, 'ref' | 'agency_id'>, actor: Actor): void {
  const scope = scopeOf(actor);
  if (scope && !scope.includes(ticket.agency_id)) throw new TicketNotFoundError(ticket.ref);
  if (!TICKET_READ_ROLES.includes(actor.role)) throw new TicketForbiddenError(`role ${actor.role} may not see tickets`);
}

async function listViewers(db: Db, ticketId: number, limit?: number): Promise<TicketViewerEntry[]> {
  // Raw (db/read-rows.ts), the user joined: the ticket page reads it on every drawing.
  const rows = await readRows(db, `SELECT v.user_id, v.first_at, v.last_at, v.view_count, u.username, u.display_name, u.role
    FROM ticket_viewers v LEFT JOIN users u ON u.id = v.user_id WHERE v.ticket_id = ? ORDER BY v.last_at DESC, v.user_id ASC${limit ? ` LIMIT ${Math.floor(limit)}` : ''}`, [ticketId]);
  const date = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return rows.map((r) => ({ userId: Number(r.user_id), username: text(r.username) ?? '', name: text(r.display_name) ?? '', role: (text(r.role) ?? 'agent') as Role,
    firstAt: date(r.first_at), lastAt: date(r.last_at), views: Number(r.view_count) }));
}

/** The one write: a first view inserts; a later one counts only when the last was VIEW_VISIT_MS ago or more. */
async function upsertView(db: Db, ticketId: number, userId: number, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - VIEW_VISIT_MS);
  const values = { t: ticketId, u: userId, now, cutoff };
  const sql = db.dialect === 'sqlite'
    ? `INSERT INTO ticket_viewers (ticket_id, user_id, first_at, last_at, view_count) VALUES (:t, :u, :now, :now, 1)
       ON CONFLICT (ticket_id, user_id) DO UPDATE SET last_at = excluded.last_at, view_count = view_count + 1 WHERE ticket_viewers.last_at < :cutoff`
    // MariaDB assigns left to right, so view_count is decided on the old last_at before last_at moves.
    : `INSERT INTO ticket_viewers (ticket_id, user_id, first_at, last_at, view_count) VALUES (:t, :u, :now, :now, 1)
       ON DUPLICATE KEY UPDATE view_count = IF(last_at < :cutoff, view_count + 1, view_count), last_at = IF(last_at < :cutoff, VALUES(last_at), last_at)`;
  await execWrite(db.sequelize, sql, values);
}

/**
 * The ticket page was viewed by `actor` (call with a ticket found in the actor's scope): records the visit when due
 * and returns the other viewers, most recent first. `record: false` only reads (the page drawn again after a form).
 */
export async function viewTicket(db: Db, ticket: Pick<TicketAttrs, 'id' | 'ref' | 'agency_id'>, actor: Actor, now = new Date(), opts: { record?: boolean } = {}): Promise<TicketViewerEntry[]> {
  assertMaySee(ticket, actor);
  const all = await listViewers(db, ticket.id, PAGE_VIEWERS_MAX + 1);
  const mine = all.find((v) => v.userId === actor.id);
  if (opts.record !== false && (!mine || now.getTime() - mine.lastAt.getTime() >= VIEW_VISIT_MS)) await upsertView(db, ticket.id, actor.id, now);
  return all.filter((v) => v.userId !== actor.id).slice(0, PAGE_VIEWERS_MAX);
}

/** Every viewer of the ticket, for the case export (the caller has checked scope and role). */
export async function ticketViewers(db: Db, ticketId: number): Promise<TicketViewerEntry[]> {
  return listViewers(db, ticketId);
}
