// The agents' queue (issue 14 item 1): the filter of list.ts, sorted by deadline or by received time and paged by
// keyset (the last row's sort key and id), so a page costs the same at row 100 000 as at row 1 and rows added
// while someone pages do not shift what they have not seen yet. Each row carries its class, priority, clock
// state and the working time left, counted on its agency's calendar.
import { Op, type Order, type WhereOptions } from 'sequelize';
import { modelRow, type Db } from '../../db/index.js';
import type { TicketAttrs } from '../../db/models/hotline.js';
import { calendarCache } from '../sla/index.js';
import { riskEdge, runningState, timeLeft, type TimeLeft } from './sla-state.js';
import { currentAssignees, type AssigneeFilter } from './assignee.js';
import { ticketWhere, WORKED_STATUSES, type SlaState, type TicketQuery, type TicketStatus } from './list.js';
import { scopeOf, TICKET_READ_ROLES, type Actor, type AgencyIds } from './scope.js';
import { statusCounts } from './status-counts.js';
import { TicketForbiddenError } from './errors.js';
import { VN_UTC_OFFSET_MINUTES, MINUTE_MS } from '../time/index.js';

export const QUEUE_PAGE_SIZE = 25;
export const QUEUE_SORTS = ['due', 'received_desc', 'received_asc'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** The queue's filters as the user chose them; dates are province-local "YYYY-MM-DD", both ends included. */
export interface QueueFilter {
  agency?: number; status?: TicketStatus; class?: string; category?: string; priority?: string; sla?: SlaState;
  assignee?: AssigneeFilter; from?: string; to?: string; q?: string;
}

export interface QueueRequest {
  actor: Actor; filter: QueueFilter; sort?: QueueSort;
  /** the `next` of the previous page */
  after?: string;
  now?: Date; pageSize?: number;
}

export interface QueueItem {
  id: number; ref: string; subject: string; citizen: string; status: string; agency: string;
  class: string; category: string | null; priority: string;
  receivedAt: Date; dueAt: Date | null; assignee: string | null;
  /** null for a ticket no longer worked, or without a deadline and not paused */
  sla: SlaState | null;
  /** time to the deadline (negative past it); null when the clock is not running */
  left: TimeLeft | null;
}

export interface QueuePage {
  items: QueueItem[];
  /** the cursor of the next page, or null on the last */
  next: string | null;
  /** tickets the filters select */
  total: number;
  /** per status, within the scope, ignoring the other filters: the summary bar */
  counts: Record<string, number>;
}

/** Only actors whose scope spans agencies choose one; for the others the agency filter is ignored. */
export function canFilterAgency(actor: Pick<Actor, 'agency_id'>): boolean {
  return scopeOf(actor) === undefined;
}

function queueScope(actor: Actor, agency: number | undefined): AgencyIds {
  const scope = scopeOf(actor);
  if (agency === undefined) return scope;
  return scope === undefined ? [agency] : scope;
}

const localMidnight = (isoDate: string) => new Date(Date.parse(`${isoDate}T00:00:00Z`) - VN_UTC_OFFSET_MINUTES * MINUTE_MS);
const isIsoDate = (v: string | undefined): v is string => Boolean(v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)));

/** The where clause of a queue request: the shared filter, with the scope rule and the clock's "now". */
export async function queueWhere(db: Db, req: QueueRequest, now: Date): Promise<WhereOptions> {
  if (!TICKET_READ_ROLES.includes(req.actor.role)) throw new TicketForbiddenError(`role ${req.actor.role} has no queue`);
  const f = req.filter;
  const query: TicketQuery = {
    scope: queueScope(req.actor, f.agency), status: f.status, class: f.class, category: f.category, priority: f.priority,
    assignee: f.assignee, q: f.q,
    receivedFrom: isIsoDate(f.from) ? localMidnight(f.from) : undefined,
    receivedBefore: isIsoDate(f.to) ? new Date(localMidnight(f.to).getTime() + 24 * 60 * MINUTE_MS) : undefined,
  };
  if (f.sla) {
    const cal = await calendarCache(db)(req.actor.agency_id ?? null);
    query.sla = { state: f.sla, now, riskEdge: riskEdge(now, cal) };
  }
  return ticketWhere(db, query);
}

interface Cursor { sort: QueueSort; nullDue: boolean; at: number | null; id: number }

function encodeCursor(sort: QueueSort, t: TicketAttrs): string {
  const at = sort === 'due' ? t.due_at : t.received_at;
  return `${sort}.${at ? new Date(at).getTime() : 'n'}.${t.id}`;
}

function decodeCursor(sort: QueueSort, raw: string | undefined): Cursor | null {
  const m = /^([a-z_]+)\.(n|\d{1,15})\.(\d{1,12})$/.exec(raw ?? '');
  if (!m || m[1] !== sort) return null;
  return { sort, nullDue: m[2] === 'n', at: m[2] === 'n' ? null : Number(m[2]), id: Number(m[3]) };
}

/** Rows after the cursor in the sort's order: by deadline (those without one last, by id), or by received time. */
async function fetchPage(db: Db, where: WhereOptions, sort: QueueSort, cursor: Cursor | null, limit: number): Promise<TicketAttrs[]> {
  // raw rows read back with the model's types: a page of model instances cost more than the query
  const find = async (cond: WhereOptions, order: Order, n: number) => (await db.models.Ticket.findAll({
    where: { [Op.and]: [where, cond] }, order, limit: n, raw: true,
  })).map((r) => modelRow<TicketAttrs>(db.models.Ticket, r as unknown as Record<string, unknown>, ''));
  if (sort !== 'due') {
    const desc = sort === 'received_desc';
    const dir = desc ? 'DESC' : 'ASC';
    const past = desc ? Op.lt : Op.gt;
    const cond = cursor?.at != null ? { [Op.or]: [{ received_at: { [past]: new Date(cursor.at) } }, { received_at: new Date(cursor.at), id: { [past]: cursor.id } }] } : {};
    return find(cond, [['received_at', dir], ['id', dir]], limit);
  }
  const rows: TicketAttrs[] = [];
  if (!cursor?.nullDue) {
    const cond = cursor?.at != null
      ? { [Op.or]: [{ due_at: { [Op.gt]: new Date(cursor.at) } }, { due_at: new Date(cursor.at), id: { [Op.gt]: cursor.id } }] }
      : { due_at: { [Op.ne]: null } };
    rows.push(...await find(cond, [['due_at', 'ASC'], ['id', 'ASC']], limit));
  }
  if (rows.length < limit) {
    const cond = cursor?.nullDue ? { due_at: null, id: { [Op.gt]: cursor.id } } : { due_at: null };
    rows.push(...await find(cond, [['id', 'ASC']], limit - rows.length));
  }
  return rows;
}

/** One page of the agents' queue, with its total and the per-status counts of the scope. */
export async function listQueue(db: Db, req: QueueRequest): Promise<QueuePage> {
  const now = req.now ?? new Date();
  const sort = req.sort ?? 'due';
  const size = req.pageSize ?? QUEUE_PAGE_SIZE;
  const where = await queueWhere(db, req, now);
  // Unfiltered, the total is the sum of the status counts: one scan of the scope's index, not two.
  const unfiltered = Object.values(req.filter).every((v) => v === undefined || v === '');
  const [rows, filteredTotal, counts] = await Promise.all([
    fetchPage(db, where, sort, decodeCursor(sort, req.after), size + 1),
    unfiltered ? null : db.models.Ticket.count({ where }),
    statusCounts(db, scopeOf(req.actor)),
  ]);
  const total = filteredTotal ?? Object.values(counts).reduce((a, b) => a + b, 0);
  const page = rows.slice(0, size);
  const ids = page.map((r) => r.id);
  const clocks = ids.length ? await db.models.TicketSla.findAll({ where: { ticket_id: ids }, attributes: ['ticket_id', 'assignee_id', 'paused_at', 'resolved_at'], raw: true }) : [];
  const assignees = await currentAssignees(db, ids, clocks);
  const agencyIds = [...new Set(page.map((r) => r.agency_id))];
  const userIds = [...new Set(assignees.values())];
  const [agencies, users] = await Promise.all([
    agencyIds.length ? db.models.Agency.findAll({ where: { id: agencyIds }, attributes: ['id', 'name'], raw: true }) : [],
    userIds.length ? db.models.User.findAll({ where: { id: userIds }, attributes: ['id', 'display_name'], raw: true }) : [],
  ]);
  const paused = new Set(clocks.filter((c) => c.paused_at !== null && c.resolved_at === null).map((c) => c.ticket_id));
  const agencyName = new Map(agencies.map((a) => [a.id, a.name]));
  const userName = new Map(users.map((u) => [u.id, u.display_name]));
  const calendarOf = calendarCache(db);
  const items: QueueItem[] = [];
  for (const t of page) {
    const running = WORKED_STATUSES.includes(t.status) && !paused.has(t.id) && t.due_at !== null;
    const cal = running ? await calendarOf(t.agency_id) : null;
    const left = cal ? timeLeft(now, new Date(t.due_at!), cal) : null;
    items.push({
      id: t.id, ref: t.ref, subject: t.subject, citizen: t.citizen_name ? `${t.citizen_name} <${t.citizen_address}>` : t.citizen_address,
      status: t.status, agency: agencyName.get(t.agency_id) ?? '', class: t.class, category: t.category, priority: t.priority,
      receivedAt: t.received_at, dueAt: t.due_at, assignee: userName.get(assignees.get(t.id) ?? -1) ?? null,
      sla: paused.has(t.id) && WORKED_STATUSES.includes(t.status) ? 'paused' : !running ? null
        : runningState(new Date(t.due_at!), now, cal!),
      left,
    });
  }
  const last = page[page.length - 1];
  return { items, next: rows.length > size && last ? encodeCursor(sort, last) : null, total, counts };
}
