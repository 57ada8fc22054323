// Who else has a ticket open, live (issue 14 item 5). The page renews its row every PRESENCE_RENEW_MS; a row older
// than PRESENCE_TTL_MS means the page was closed. In the database, since web processes may be many; rows are
// per (ticket, user), so an officer with two tabs counts once, and one's own row is never shown to oneself.
import { Op, UniqueConstraintError } from 'sequelize';
import { readRows, type Db } from '../../db/index.js';
import { findScopedTicket, scopeOf, type Actor } from './scope.js';
import { ticketVersion } from './staleness.js';

export const PRESENCE_RENEW_MS = 15_000;
export const PRESENCE_TTL_MS = 45_000;

export interface Presence { others: { name: string }[]; version: number }

async function touch(db: Db, ticketId: number, userId: number, now: Date): Promise<void> {
  const [n] = await db.models.TicketPresence.update({ seen_at: now }, { where: { ticket_id: ticketId, user_id: userId } });
  if (n > 0) return;
  try {
    await db.models.TicketPresence.create({ ticket_id: ticketId, user_id: userId, seen_at: now });
  } catch (e) {
    if (!(e instanceof UniqueConstraintError)) throw e; // the other tab inserted first: its row is as fresh
  }
}

/** Marks the actor as having the ticket open (any reader: leaders too) and says who else has, and the version. */
export async function markPresent(db: Db, ref: string, actor: Actor, now = new Date(), opts: { touch?: boolean } = {}): Promise<Presence> {
  const ticket = await findScopedTicket(db, ref, scopeOf(actor));
  // a page drawn again after a refused POST only reads: the form's answer must not write
  if (opts.touch === false) return { others: await othersOn(db, ticket.id, actor.id, now), version: await ticketVersion(db, ticket.id) };
  await touch(db, ticket.id, actor.id, now);
  const others = await othersOn(db, ticket.id, actor.id, now);
  // Old rows of this ticket are cleared as we go, so the table holds only pages open now (and at most one row per tab-holder).
  await db.models.TicketPresence.destroy({ where: { ticket_id: ticket.id, seen_at: { [Op.lt]: new Date(now.getTime() - 10 * PRESENCE_TTL_MS) } } });
  return { others, version: await ticketVersion(db, ticket.id) };
}

async function othersOn(db: Db, ticketId: number, userId: number, now: Date): Promise<{ name: string }[]> {
  // Raw (db/read-rows.ts), names joined: every drawing of the ticket page and every renewal reads it.
  const rows = await readRows(db, `SELECT u.display_name FROM ticket_presence p LEFT JOIN users u ON u.id = p.user_id
    WHERE p.ticket_id = ? AND p.user_id <> ? AND p.seen_at > ? ORDER BY p.user_id ASC`, [ticketId, userId, new Date(now.getTime() - PRESENCE_TTL_MS)]);
  return rows.map((r) => ({ name: r.display_name === null || r.display_name === undefined ? '' : String(r.display_name) }));
}
