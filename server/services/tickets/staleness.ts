// Collision detection (issue 14 item 5). A ticket's version is the id of its last change of the case (CASE_CHANGES):
// a form carries the version it was drawn from, and an action is refused when someone else changed the case since,
// with what changed, unless the person confirms. The check runs inside the action's transaction with the ticket's
// row locked (scope.ts findWritableTicket, the one door every action goes through), so a change cannot slip in
// between the check and the write. One's own changes are not news to oneself.
import { Op } from 'sequelize';
import { inList, readRows, type Db } from '../../db/index.js';
import type { TicketAttrs } from '../../db/models/hotline.js';
import type { Actor } from './scope.js';

/**
 * The events a person would call a change of the case, and the only ones that move its version: the case coming in,
 * messages (the citizen's, our replies, a reply that bounced), notes, assignment, status, classification, the legal
 * clock (pause, resume, acceptance, resolution, extensions), referral and merge. Not in it, so neither listed nor
 * making an open form stale: reminders and escalations and their failures, the clock's own start, triage at
 * opening, auto-replies, views and presence (which are not events at all), and any kind added later until it is
 * named here.
 */
export const CASE_CHANGES: readonly string[] = [
  'created', 'imported_history', 'referred_in',
  'inbound', 'bounce', 'reply', 'note',
  'assign', 'status', 'reopened', 'reclassified',
  'pause', 'resume', 'first_response', 'resolved', 'sla_complex', 'sla_extended',
  'referral', 'merged_from', 'merged_into',
];

export interface TicketChange { kind: string; at: Date; by: string | null }

/**
 * What a form knew: `version` the ticket's version it was drawn from (or, for the queue's bulk form, the highest
 * event id when the queue was drawn: the same question, "what changed after this event?"), and whether the person
 * confirmed acting anyway. No version (the CLI, a job, an old form) means no check.
 */
export interface Seen { version?: number | null; confirmed?: boolean }

/** The stale form's version and what happened after it; `version` is the current one, for the form drawn again. */
export class TicketStaleError extends Error {
  override readonly name = 'TicketStaleError';
  constructor(readonly changes: TicketChange[], readonly version: number) {
    super(`ticket changed since the form was drawn (${changes.length} change(s))`);
  }
}

export async function ticketVersion(db: Db, ticketId: number): Promise<number> {
  // Raw (db/read-rows.ts): every drawing of the ticket page reads it.
  const [row] = await readRows(db, `SELECT MAX(e.id) AS v FROM ticket_events e WHERE e.ticket_id = ? AND e.kind IN (${inList(CASE_CHANGES)})`,
    [ticketId, ...CASE_CHANGES]);
  return Number(row?.v) || 0;
}

/** Changes of the case by others (or by the citizen) after `version`, oldest first. */
export async function changesSince(db: Db, ticketId: number, version: number, actor: Pick<Actor, 'username'>): Promise<TicketChange[]> {
  const events = await db.models.TicketEvent.findAll({ where: { ticket_id: ticketId, id: { [Op.gt]: version }, kind: CASE_CHANGES as string[] },
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
 * Called by findWritableTicket after it locked the ticket's row, inside the action's transaction.
 */
export async function assertFresh(db: Db, ticket: Pick<TicketAttrs, 'id'>, actor: Pick<Actor, 'username'>, seen: Seen | undefined): Promise<void> {
  if (!seen || seen.version === undefined || seen.version === null || seen.confirmed) return;
  const changes = await changesSince(db, ticket.id, seen.version, actor);
  if (changes.length) throw new TicketStaleError(changes, await ticketVersion(db, ticket.id));
}
