// The agent's home (issue 15 item 7): the queue's counts in the actor's scope and the tickets past their
// deadline, oldest deadline first, so the day starts from what the law needs answered now.
import { IndexHints, Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import { assigneeWhere } from './assignee.js';
import { statusCounts } from './status-counts.js';
import { scopeOf, scopeWhere, TICKET_READ_ROLES, type Actor } from './scope.js';
import { TicketForbiddenError } from './errors.js';

/** Statuses still being worked; a resolved, closed or archived ticket is never overdue. */
const WORKED: string[] = ['new', 'open', 'pending'];
export const HOME_OVERDUE_LIMIT = 5;

export interface QueueSummary {
  /** per status in the scope */
  counts: Record<string, number>;
  /** worked tickets assigned to the actor */
  mine: number;
  overdueTotal: number;
  /** the HOME_OVERDUE_LIMIT most overdue */
  overdue: { ref: string; subject: string; dueAt: Date; agency: string }[];
}

/** The overdue count reads only the status-and-deadline indexes (migration 0031), each a covering range. Left to
 *  itself MariaDB 10.11 preferred the agency's deadline index and read every ticket row past its deadline for the
 *  status; SQLite picks these indexes by itself and takes no hints (sequelize leaves them out there). */
const OVERDUE_COUNT_INDEXES = [{ type: IndexHints.USE, values: ['tickets_agency_status_due_idx', 'tickets_status_due_idx'] }];

export async function queueSummary(db: Db, actor: Actor, now: Date): Promise<QueueSummary> {
  if (!TICKET_READ_ROLES.includes(actor.role)) throw new TicketForbiddenError(`role ${actor.role} has no queue`);
  const scope = scopeOf(actor);
  const overdueWhere = { ...scopeWhere(scope), status: { [Op.in]: WORKED }, due_at: { [Op.lt]: now } };
  // count() hands indexHints on to its SELECT as findAll does, though its options type does not list them
  const overdueCount = { where: overdueWhere, indexHints: OVERDUE_COUNT_INDEXES };
  const [counts, mine, overdueTotal, rows] = await Promise.all([
    statusCounts(db, scope),
    db.models.Ticket.count({ where: { [Op.and]: [scopeWhere(scope), { status: { [Op.in]: WORKED } }, assigneeWhere(db, actor.id)] } }),
    db.models.Ticket.count(overdueCount),
    db.models.Ticket.findAll({ where: overdueWhere, order: [['due_at', 'ASC'], ['id', 'ASC']], limit: HOME_OVERDUE_LIMIT,
      attributes: ['ref', 'subject', 'due_at', 'agency_id'] }),
  ]);
  const agencies = rows.length ? await db.models.Agency.findAll({ where: { id: [...new Set(rows.map((r) => r.agency_id))] }, attributes: ['id', 'name'], raw: true }) : [];
  const name = new Map(agencies.map((a) => [a.id, a.name]));
  return {
    counts, mine, overdueTotal,
    overdue: rows.map((r) => ({ ref: r.ref, subject: r.subject, dueAt: r.due_at!, agency: name.get(r.agency_id) ?? '' })),
  };
}
