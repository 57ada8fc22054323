// Collision detection (issue 14 item 5). A ticket's version is its last event's id: every change (reply, note,
// status, assignment, the citizen's new mail…) is an event, so a form carries the version it was drawn from, and an
// action is refused when someone else changed the ticket since, with what changed, unless the person confirms.
// Reminders and other clock notices are not changes of the case, and one's own events are not news to oneself.
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { TicketAttrs } from '../../db/models/hotline.js';
import { findWritableTicket, type Actor } from './scope.js';

const NOT_A_CHANGE = ['reminder', 'escalation', 'reminder_unreached', 'escalation_unreached', 'first_response', 'sla_started', 'inbound_auto'];

export interface TicketChange { kind: string; at: Date; by: string | null }

/** The stale form's version and what happened after it; `version` is the current one, for the form drawn again. */
export class TicketStaleError extends Error {
  override readonly name = 'TicketStaleError';
  constructor(readonly changes: TicketChange[], readonly version: number) {
    super(`ticket changed since the form was drawn (${changes.length} change(s))`);
  }
}

export async function ticketVersion(db: Db, ticketId: number): Promise<number> {
  return Number(await db.models.TicketEvent.max('id', { where: { ticket_id: ticketId } })) || 0;
}

/** Changes by others (or by the citizen) after `version`, oldest first. */
export async function changesSince(db: Db, ticketId: number, version: number, actor: Pick<Actor, 'username'>): Promise<TicketChange[]> {
  const events = await db.models.TicketEvent.findAll({ where: { ticket_id: ticketId, id: { [Op.gt]: version }, kind: { [Op.notIn]: NOT_A_CHANGE } },
    order: [['id', 'ASC']], attributes: ['kind', 'at', 'details'], limit: 50 });
  const changes = events.map((e) => {
    let d: Record<string, unknown> = {};
    try { d = e.details ? JSON.parse(e.details) as Record<string, unknown> : {}; } catch { /* details are informative only */ }
    const by = typeof d.by === 'string' ? d.by : typeof d.actor === 'string' ? d.actor : null;
    return { kind: e.kind, at: e.at, by };
  });
  return changes.filter((c) => c.by !== actor.username);
}

/**
 * Refuses an action drawn from an older version of the ticket when others changed it since, unless confirmed.
 * No version (the CLI, a job, an old form) means no check. Call inside the action's transaction.
 */
export async function assertFresh(db: Db, ticket: Pick<TicketAttrs, 'id'>, actor: Pick<Actor, 'username'>, seen: { version?: number | null; confirmed?: boolean }): Promise<void> {
  if (seen.version === undefined || seen.version === null || seen.confirmed) return;
  const changes = await changesSince(db, ticket.id, seen.version, actor);
  if (changes.length) throw new TicketStaleError(changes, await ticketVersion(db, ticket.id));
}

/** assertFresh for an action by ref (note, status, assignment… from the ticket page), before the action runs. */
export async function assertFreshByRef(db: Db, ref: string, actor: Actor, seen: { version?: number | null; confirmed?: boolean }): Promise<void> {
  if (seen.version === undefined || seen.version === null || seen.confirmed) return;
  await assertFresh(db, await findWritableTicket(db, ref, actor), actor, seen);
}
