// The one ticket listing: tickets in the actor's agencies, filtered by status, assignee and a search that finds
// "dat dai" in "đất đai" (messages.search_text keeps the text with and without tone marks, see ingestion).
// findTickets is the query; listTickets pages it for the agents' queue, ticket-list.ts maps it for the CLI.
import { Op, fn, col, literal, type Order, type WhereOptions } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { TicketAttrs } from '../../db/models/hotline.js';
import { stripToneMarks } from '../text/index.js';
import { assigneeWhere, currentAssignees, type AssigneeFilter } from './assignee.js';
import { scopeWhere, type AgencyIds } from './scope.js';

export const TICKET_STATUSES = ['new', 'open', 'pending', 'resolved', 'closed', 'archived'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const QUEUE_PAGE_SIZE = 25;
const QUERY_MAX_CHARS = 100;

/** What every listing filters on: always the scope, then any of status, current assignee and search text. */
export interface TicketQuery {
  scope: AgencyIds;
  /** a status no ticket has matches nothing */
  status?: string;
  assignee?: AssigneeFilter;
  q?: string;
}

export interface ListFilter extends TicketQuery {
  status?: TicketStatus;
  /** 1-based */
  page?: number;
  now?: Date;
}

export interface QueueItem {
  ref: string; subject: string; citizen: string; status: string; agency: string;
  receivedAt: Date; dueAt: Date | null; overdue: boolean; assignee: string | null;
}

export interface QueuePage {
  items: QueueItem[]; total: number; page: number; pages: number;
  /** per status, within the scope, ignoring the other filters: the summary bar */
  counts: Record<string, number>;
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
      { citizen_address: { [Op.like]: text[0] } },
      { id: { [Op.in]: literal(`(SELECT m.ticket_id FROM messages m WHERE m.ticket_id IS NOT NULL AND (${escaped}))`) } },
    ],
  };
}

function ticketWhere(db: Db, query: TicketQuery): WhereOptions {
  const parts: WhereOptions[] = [scopeWhere(query.scope)];
  if (query.status) parts.push({ status: query.status });
  if (query.assignee !== undefined) parts.push(assigneeWhere(db, query.assignee));
  if (query.q?.trim()) parts.push(searchWhere(db, query.q));
  return { [Op.and]: parts };
}

/**
 * The tickets `query` selects: oldest deadline first (the queue is worked in the order the law needs answers), or
 * in the order they were opened; all of them, or `limit` from `offset`.
 */
export async function findTickets(db: Db, query: TicketQuery,
  opts: { order: 'deadline' | 'opened'; limit?: number; offset?: number }): Promise<TicketAttrs[]> {
  const order: Order = opts.order === 'deadline'
    ? [[literal('CASE WHEN due_at IS NULL THEN 1 ELSE 0 END'), 'ASC'], ['due_at', 'ASC'], ['id', 'ASC']]
    : [['id', 'ASC']];
  const rows = await db.models.Ticket.findAll({ where: ticketWhere(db, query), order, limit: opts.limit, offset: opts.offset });
  return rows.map((r) => r.get({ plain: true }) as TicketAttrs);
}

/** One page of the agents' queue, with its total and the per-status counts of the scope. */
export async function listTickets(db: Db, filter: ListFilter): Promise<QueuePage> {
  const now = filter.now ?? new Date();
  const total = await db.models.Ticket.count({ where: ticketWhere(db, filter) });
  const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(filter.page ?? 1)), pages);
  const rows = await findTickets(db, filter, { order: 'deadline', limit: QUEUE_PAGE_SIZE, offset: (page - 1) * QUEUE_PAGE_SIZE });
  const [agencies, assignees] = await Promise.all([
    db.models.Agency.findAll({ attributes: ['id', 'name'] }),
    currentAssignees(db, rows.map((r) => r.id)),
  ]);
  const users = assignees.size ? await db.models.User.findAll({ where: { id: [...new Set(assignees.values())] }, attributes: ['id', 'display_name'] }) : [];
  const agencyName = new Map(agencies.map((a) => [a.id, a.name]));
  const userName = new Map(users.map((u) => [u.id, u.display_name]));
  const items = rows.map((t) => ({
    ref: t.ref, subject: t.subject, citizen: t.citizen_name ? `${t.citizen_name} <${t.citizen_address}>` : t.citizen_address,
    status: t.status, agency: agencyName.get(t.agency_id) ?? '', receivedAt: t.received_at, dueAt: t.due_at,
    overdue: Boolean(t.due_at && t.due_at < now && !['resolved', 'closed', 'archived'].includes(t.status)),
    assignee: userName.get(assignees.get(t.id) ?? -1) ?? null,
  }));
  return { items, total, page, pages, counts: await statusCounts(db, filter.scope) };
}

export async function statusCounts(db: Db, scope: AgencyIds): Promise<Record<string, number>> {
  const rows = (await db.models.Ticket.findAll({
    where: scopeWhere(scope), attributes: ['status', [fn('COUNT', col('id')), 'n']], group: ['status'], raw: true,
  })) as unknown as { status: string; n: number | string }[];
  const counts: Record<string, number> = Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0]));
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}
