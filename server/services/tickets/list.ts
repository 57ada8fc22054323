// The one ticket filter: tickets in the actor's agencies, by status, class, category, priority, legal-clock state,
// received dates, assignee and a search that finds "dat dai" in "đất đai" (messages.search_text keeps the subject
// and body with and without tone marks, see ingestion). findTickets is the query the CLI listing maps
// (ticket-list.ts); the agents' queue pages the same where clause by keyset (queue.ts).
import { Op, literal, type WhereOptions } from 'sequelize';
import type { Db } from '../../db/index.js';
import { FINISHED_STATUSES, TICKET_STATUSES, type TicketAttrs } from '../../db/models/hotline.js';
import { stripToneMarks } from '../text/index.js';
import { assigneeWhere, type AssigneeFilter } from './assignee.js';
import { scopeWhere, type AgencyIds } from './scope.js';

export { FINISHED_STATUSES, TICKET_STATUSES, type TicketStatus } from '../../db/models/hotline.js';
/** Statuses still being worked: only these run a clock that can be at risk or overdue. */
export const WORKED_STATUSES: readonly string[] = TICKET_STATUSES.filter((s) => !FINISHED_STATUSES.includes(s));
export const SLA_STATES = ['on_time', 'at_risk', 'overdue', 'paused'] as const;
export type SlaState = (typeof SLA_STATES)[number];
const QUERY_MAX_CHARS = 100;

/** A legal-clock state to filter on, judged at `now`; `riskEdge` is where "at risk" ends (one working day on) on
 *  the province's calendar, `agencyEdges` where it ends for agencies with a calendar of their own (risk-edges.ts). */
export interface SlaFilter { state: SlaState; now: Date; riskEdge: Date; agencyEdges?: { agencyIds: number[]; riskEdge: Date }[] }

/** The deadline against the risk edge of each ticket's agency's calendar. */
function edgeWhere(f: SlaFilter, op: typeof Op.lte | typeof Op.gt): WhereOptions {
  if (!f.agencyEdges?.length) return { due_at: { [op]: f.riskEdge } };
  const own = f.agencyEdges.flatMap((e) => e.agencyIds);
  return { [Op.or]: [{ agency_id: { [Op.notIn]: own }, due_at: { [op]: f.riskEdge } },
    ...f.agencyEdges.map((e) => ({ agency_id: { [Op.in]: e.agencyIds }, due_at: { [op]: e.riskEdge } }))] };
}

/** What every listing filters on: always the scope, then any of the others. */
export interface TicketQuery {
  scope: AgencyIds;
  /** a status no ticket has matches nothing */
  status?: string;
  class?: string;
  /** 'none' = uncategorised */
  category?: string;
  priority?: string;
  sla?: SlaFilter;
  /** received at or after / before (instants) */
  receivedFrom?: Date;
  receivedBefore?: Date;
  assignee?: AssigneeFilter;
  q?: string;
}

/** LIKE patterns for the search box: `%` is dropped (it would match everything), `_` may over-match harmlessly. */
export function searchPatterns(q: string): { text: string[]; ref: string } {
  const base = q.normalize('NFC').replace(/%/g, '').trim().toLowerCase().slice(0, QUERY_MAX_CHARS);
  const plain = stripToneMarks(base);
  return { text: [...new Set([base, plain])].map((s) => `%${s}%`), ref: `%${base.toUpperCase()}%` };
}

function searchWhere(db: Db, q: string): WhereOptions {
  const { text, ref } = searchPatterns(q);
  const escaped = text.map((p) => `m.search_text LIKE ${db.sequelize.escape(p)}`).join(' OR ');
  return {
    [Op.or]: [
      { ref: { [Op.like]: ref } },
      ...text.map((p) => ({ citizen_address: { [Op.like]: p } })),
      { citizen_folded: { [Op.like]: text[text.length - 1] } },
      { id: { [Op.in]: literal(`(SELECT m.ticket_id FROM messages m WHERE m.ticket_id IS NOT NULL AND (${escaped}))`) } },
    ],
  };
}

const PAUSED = '(SELECT s.ticket_id FROM ticket_sla s WHERE s.paused_at IS NOT NULL AND s.resolved_at IS NULL)';

/** Paused: the clock is stopped; the others are judged on the deadline of a worked, running ticket. */
function slaWhere(f: SlaFilter): WhereOptions {
  if (f.state === 'paused') return { id: { [Op.in]: literal(PAUSED) } };
  const running = { status: { [Op.in]: WORKED_STATUSES }, id: { [Op.notIn]: literal(PAUSED) } };
  if (f.state === 'overdue') return { ...running, due_at: { [Op.lt]: f.now } };
  if (f.state === 'at_risk') return { ...running, [Op.and]: [{ due_at: { [Op.gte]: f.now } }, edgeWhere(f, Op.lte)] };
  // a running ticket with no deadline has no clock state (its queue row shows none), so it is not "on time" either
  return { ...running, ...edgeWhere(f, Op.gt) };
}

/** `walkedAs`: the alias of tickets when the clause selects a page read in an index's order (assignee.ts). */
export function ticketWhere(db: Db, query: TicketQuery, walkedAs?: 't'): WhereOptions {
  const parts: WhereOptions[] = [scopeWhere(query.scope)];
  if (query.status) parts.push({ status: query.status });
  if (query.class) parts.push({ class: query.class });
  if (query.category) parts.push({ category: query.category === 'none' ? null : query.category });
  if (query.priority) parts.push({ priority: query.priority });
  if (query.sla) parts.push(slaWhere(query.sla));
  if (query.receivedFrom) parts.push({ received_at: { [Op.gte]: query.receivedFrom } });
  if (query.receivedBefore) parts.push({ received_at: { [Op.lt]: query.receivedBefore } });
  if (query.assignee !== undefined) parts.push(assigneeWhere(db, query.assignee, walkedAs));
  if (query.q?.trim()) parts.push(searchWhere(db, query.q));
  return { [Op.and]: parts };
}

/** Every ticket `query` selects, in the order they were opened (the CLI listing). */
export async function findTickets(db: Db, query: TicketQuery): Promise<TicketAttrs[]> {
  const rows = await db.models.Ticket.findAll({ where: ticketWhere(db, query), order: [['id', 'ASC']] });
  return rows.map((r) => r.get({ plain: true }) as TicketAttrs);
}

