// Who a ticket is assigned to. Tickets with a legal clock keep it in ticket_sla.assignee_id (triage writes it
// there on auto-assignment; SLA reminders read it). History imports and tickets made before migration 0006
// have no clock, so for those the latest 'assign' ticket event is the record. Manual assignment writes both.
import { Op, literal, type WhereOptions } from 'sequelize';
import type { Db } from '../../db/index.js';

export type AssigneeFilter = number | 'none';
export interface ClockAssignee { ticket_id: number; assignee_id: number | null }

/** The details JSON of an 'assign' event. assigneeId comes first: the queue filter matches its text prefix. */
export function assignDetails(assigneeId: number | null, by: string): string {
  return JSON.stringify({ assigneeId, by });
}

const assignPrefix = (assigneeId: number | null) => `${JSON.stringify({ assigneeId }).slice(0, -1)},%`;

/** Current assignee per ticket id (absent = unassigned). `clocks`: these tickets' clock rows, when the caller has
 *  read them already (the queue reads them once for the assignee and the pause). */
export async function currentAssignees(db: Db, ticketIds: number[], clocks?: readonly ClockAssignee[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (!ticketIds.length) return out;
  clocks ??= await db.models.TicketSla.findAll({ where: { ticket_id: ticketIds }, attributes: ['ticket_id', 'assignee_id'], raw: true });
  const clocked = new Set(clocks.map((c) => c.ticket_id));
  for (const c of clocks) if (c.assignee_id) out.set(c.ticket_id, c.assignee_id);
  const rest = ticketIds.filter((id) => !clocked.has(id));
  if (!rest.length) return out;
  const events = await db.models.TicketEvent.findAll({ where: { ticket_id: rest, kind: 'assign' }, order: [['id', 'ASC']], attributes: ['ticket_id', 'details'] });
  for (const e of events) {
    const id = (JSON.parse(e.details ?? '{}') as { assigneeId?: number | null }).assigneeId;
    if (id) out.set(e.ticket_id, id);
    else out.delete(e.ticket_id);
  }
  return out;
}

/** A where clause on tickets for "assigned to this user" or "unassigned", over both sources. Each source is one
 *  uncorrelated id list the database builds once (the outer alias differs between callers): the clocked one from
 *  the ticket_sla assignee index; the event one starts from the 'assign' events naming the user and keeps a ticket
 *  only when it has no clock and no later 'assign' event, so neither a clocked ticket's events nor every ticket's
 *  latest event are walked.
 *  `walkedAs`: the outer alias, when the rows are read in an index's order and the first few are wanted (a queue
 *  page). Left to itself SQLite reads every ticket of the user's lists and sorts them all for the page (a third of
 *  an agency when one agent holds a third); with the ticket id hidden behind a unary plus it walks the agency's
 *  sort index from the cursor and tests each row against the lists instead, as MariaDB does anyway (it never
 *  starts from an IN list under an OR; the plus would change nothing there). A count still starts from the lists. */
export function assigneeWhere(db: Db, filter: AssigneeFilter, walkedAs?: 't'): WhereOptions {
  const esc = (v: string) => db.sequelize.escape(v);
  // the clock and the later event are index lookups (0031: ticket_events kind, ticket_id); the details need the row
  const latestUnclocked = (detailsTest: string) => `(SELECT e.ticket_id FROM ticket_events e WHERE e.kind = 'assign'
    AND NOT EXISTS (SELECT 1 FROM ticket_sla c WHERE c.ticket_id = e.ticket_id)
    AND NOT EXISTS (SELECT 1 FROM ticket_events l WHERE l.ticket_id = e.ticket_id AND l.kind = 'assign' AND l.id > e.id)
    AND ${detailsTest})`;
  if (filter === 'none') {
    // NOT IN never drives a read, so the page walks its sort index already
    return { [Op.and]: [
      { id: { [Op.notIn]: literal('(SELECT s.ticket_id FROM ticket_sla s WHERE s.assignee_id IS NOT NULL)') } },
      { id: { [Op.notIn]: literal(latestUnclocked(`e.details NOT LIKE ${esc(assignPrefix(null))}`)) } },
    ] };
  }
  const userId = Math.trunc(filter);
  const lists = [`(SELECT s.ticket_id FROM ticket_sla s WHERE s.assignee_id = ${userId})`, latestUnclocked(`e.details LIKE ${esc(assignPrefix(userId))}`)];
  if (walkedAs && db.dialect === 'sqlite') return { [Op.or]: lists.map((list) => literal(`+${walkedAs}.id IN ${list}`)) };
  return { [Op.or]: lists.map((list) => ({ id: { [Op.in]: literal(list) } })) };
}
