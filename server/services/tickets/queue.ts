// The agents' queue (issue 14 item 1): the filter of list.ts, sorted by deadline or by received time and paged by
// keyset (the last row's sort key and id), so a page costs the same at row 100 000 as at row 1 and rows added
// while someone pages do not shift what they have not seen yet. Each row carries its class, priority, clock
// state and the working time left, counted on its agency's calendar.
import { Op, type WhereOptions } from 'sequelize';
import { modelRow, readRows, selectColumns, type Db } from '../../db/index.js';
import type { TicketAttrs } from '../../db/models/hotline.js';
import { loadCalendar, type WorkCalendar } from '../sla/index.js';
import { runningState, timeLeft, type TimeLeft } from './sla-state.js';
import { riskEdges } from './risk-edges.js';
import { currentAssignees, type AssigneeFilter } from './assignee.js';
import { ticketWhere, WORKED_STATUSES, type SlaState, type TicketQuery, type TicketStatus } from './list.js';
import { scopeOf, TICKET_READ_ROLES, type Actor, type AgencyIds } from './scope.js';
import { statusCounts } from './status-counts.js';
import { KeptUntilChange, readChangeMark, type ChangeMark } from './change-mark.js';
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
  /** read before the page: its lastEventId is the version the rows were seen at (the bulk form's), and what else
   *  the queue shows may be kept under it (queue-choices.ts) */
  mark: ChangeMark;
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

/** The shared filter of a queue request, with the scope rule and the clock's "now". */
async function queueQuery(db: Db, req: QueueRequest, now: Date): Promise<TicketQuery> {
  const f = req.filter;
  const query: TicketQuery = {
    scope: queueScope(req.actor, f.agency), status: f.status, class: f.class, category: f.category, priority: f.priority,
    assignee: f.assignee, q: f.q,
    receivedFrom: isIsoDate(f.from) ? localMidnight(f.from) : undefined,
    receivedBefore: isIsoDate(f.to) ? new Date(localMidnight(f.to).getTime() + 24 * 60 * MINUTE_MS) : undefined,
  };
  // judged on each ticket's agency's calendar, as its badge is
  if (f.sla) query.sla = { state: f.sla, now, ...await riskEdges(db, query.scope, now) };
  return query;
}

interface Cursor { sort: QueueSort; nullDue: boolean; at: number | null; id: number }

function encodeCursor(sort: QueueSort, t: Pick<TicketAttrs, 'id' | 'due_at' | 'received_at'>): string {
  const at = sort === 'due' ? t.due_at : t.received_at;
  return `${sort}.${at ? new Date(at).getTime() : 'n'}.${t.id}`;
}

function decodeCursor(sort: QueueSort, raw: string | undefined): Cursor | null {
  const m = /^([a-z_]+)\.(n|\d{1,15})\.(\d{1,12})$/.exec(raw ?? '');
  if (!m || m[1] !== sort) return null;
  return { sort, nullDue: m[2] === 'n', at: m[2] === 'n' ? null : Number(m[2]), id: Number(m[3]) };
}

/** The ticket columns a row shows and its cursor needs: not the whole ticket, whose every column the driver turns
 *  into a value on every page (about half the page's read on SQLite). */
const ROW_COLUMNS = ['id', 'ref', 'agency_id', 'status', 'class', 'category', 'priority', 'citizen_address', 'citizen_name', 'subject',
  'received_at', 'due_at'] as const satisfies readonly (keyof TicketAttrs)[];
type RowTicket = Pick<TicketAttrs, (typeof ROW_COLUMNS)[number]>;

/** A ticket of the page with what its row shows besides: its clock (absent for history and pre-0006 tickets), the
 *  clock's assignee, and the names of that assignee and of the agency. */
interface PageRow { ticket: RowTicket; clocked: boolean; paused: boolean; assignee: string | null; agency: string }

const pageColumns = new WeakMap<Db, string>();
/** One SELECT per page: the tickets and, joined one to one, their clock and the two names (no query per table). */
function pageSelect(db: Db): string {
  let sql = pageColumns.get(db);
  if (!sql) {
    sql = `SELECT ${selectColumns(db.models.Ticket, 't', '', ROW_COLUMNS)}, s.ticket_id AS s_ticket_id,
      s.paused_at AS s_paused_at, s.resolved_at AS s_resolved_at, a.name AS a_name, u.display_name AS u_name
      FROM tickets t LEFT JOIN ticket_sla s ON s.ticket_id = t.id LEFT JOIN agencies a ON a.id = t.agency_id
      LEFT JOIN users u ON u.id = s.assignee_id`;
    pageColumns.set(db, sql);
  }
  return sql;
}

/** A where clause on tickets as SQL over the alias `t`, built by sequelize from the one filter (list.ts). */
const whereSql = (db: Db, where: WhereOptions): string =>
  (db.sequelize.getQueryInterface() as unknown as { queryGenerator: { whereItemsQuery(w: WhereOptions, o: object): string } })
    .queryGenerator.whereItemsQuery(where, { model: db.models.Ticket, prefix: 't' }) || '1=1';

/** Rows after the cursor in the sort's order: by deadline (those without one last, by id), or by received time.
 *  The cursor's values go into the SQL as literals, not bound parameters: bound, SQLite's planner cannot see where
 *  the page starts and walks the agency's whole index instead of starting at the cursor. */
async function fetchPage(db: Db, where: WhereOptions, sort: QueueSort, cursor: Cursor | null, limit: number): Promise<PageRow[]> {
  const find = async (cond: WhereOptions, order: string, n: number) => (await readRows(db,
    `${pageSelect(db)} WHERE ${whereSql(db, { [Op.and]: [where, cond] })} ORDER BY ${order} LIMIT ${Math.trunc(n)}`))
    .map((r) => ({
      ticket: modelRow<RowTicket>(db.models.Ticket, r, '', ROW_COLUMNS), clocked: r.s_ticket_id !== null,
      paused: r.s_paused_at !== null && r.s_resolved_at === null,
      assignee: r.u_name === null ? null : String(r.u_name), agency: String(r.a_name ?? ''),
    }));
  if (sort !== 'due') {
    const desc = sort === 'received_desc';
    const dir = desc ? 'DESC' : 'ASC';
    const past = desc ? Op.lt : Op.gt;
    const cond = cursor?.at != null ? { [Op.or]: [{ received_at: { [past]: new Date(cursor.at) } }, { received_at: new Date(cursor.at), id: { [past]: cursor.id } }] } : {};
    return find(cond, `t.received_at ${dir}, t.id ${dir}`, limit);
  }
  const rows: PageRow[] = [];
  if (!cursor?.nullDue) {
    const cond = cursor?.at != null
      ? { [Op.or]: [{ due_at: { [Op.gt]: new Date(cursor.at) } }, { due_at: new Date(cursor.at), id: { [Op.gt]: cursor.id } }] }
      : { due_at: { [Op.ne]: null } };
    rows.push(...await find(cond, 't.due_at ASC, t.id ASC', limit));
  }
  if (rows.length < limit) {
    const cond = cursor?.nullDue ? { due_at: null, id: { [Op.gt]: cursor.id } } : { due_at: null };
    rows.push(...await find(cond, 't.id ASC', limit - rows.length));
  }
  return rows;
}

/** Assignees of tickets without a clock (history imports, tickets from before the clock): from their events. */
async function unclockedAssignees(db: Db, rows: PageRow[]): Promise<Map<number, string>> {
  const ids = rows.filter((r) => !r.clocked).map((r) => r.ticket.id);
  const byTicket = ids.length ? await currentAssignees(db, ids, []) : new Map<number, number>();
  const userIds = [...new Set(byTicket.values())];
  const users = userIds.length ? await db.models.User.findAll({ where: { id: userIds }, attributes: ['id', 'display_name'], raw: true }) : [];
  const name = new Map(users.map((u) => [u.id, u.display_name]));
  const out = new Map<number, string>();
  for (const [ticketId, userId] of byTicket) { const n = name.get(userId); if (n) out.set(ticketId, n); }
  return out;
}

// a page and its drawn rows (web/queue-rows.ts) are some tens of kB: fewer of them than of the small values kept elsewhere
const keptPages = new KeptUntilChange<QueuePage>(200);
// each agency's calendar for the rows' working time left: a day changed shows within MAX_AGE_MS, as a rename does
// (the deadlines themselves are computed and stored by services/sla, on the calendar as it is then)
const keptCalendars = new KeptUntilChange<WorkCalendar>();

/**
 * One page of the agents' queue, with its total and the per-status counts of the scope. Officers of one agency
 * reload the same few pages all day, so a page is kept until the tickets change (change-mark.ts), for everyone
 * of the same scope asking the same filters; its working time left is then at most MAX_AGE_MS old. A caller
 * that names its own `now` gets a page computed at that instant, never kept.
 */
export async function listQueue(db: Db, req: QueueRequest): Promise<QueuePage> {
  if (!TICKET_READ_ROLES.includes(req.actor.role)) throw new TicketForbiddenError(`role ${req.actor.role} has no queue`);
  const mark = await readChangeMark(db);
  if (req.now) return readQueue(db, req, req.now, mark);
  const key = JSON.stringify([scopeOf(req.actor) ?? null, req.filter, req.sort ?? 'due', req.after ?? '', req.pageSize ?? QUEUE_PAGE_SIZE]);
  return keptPages.get(db, key, mark.text, () => readQueue(db, req, new Date(), mark));
}

async function readQueue(db: Db, req: QueueRequest, now: Date, mark: ChangeMark): Promise<QueuePage> {
  const sort = req.sort ?? 'due';
  const size = req.pageSize ?? QUEUE_PAGE_SIZE;
  const query = await queueQuery(db, req, now);
  // the page walks its sort index from the cursor; the count may start from the filter's own lists
  const [pageWhere, where] = [ticketWhere(db, query, 't'), ticketWhere(db, query)];
  // Unfiltered, the total is the sum of the status counts: one scan of the scope's index, not two.
  const unfiltered = Object.values(req.filter).every((v) => v === undefined || v === '');
  const [rows, filteredTotal, counts] = await Promise.all([
    fetchPage(db, pageWhere, sort, decodeCursor(sort, req.after), size + 1),
    unfiltered ? null : readRows<{ n: number | string }>(db, `SELECT COUNT(*) AS n FROM tickets t WHERE ${whereSql(db, where)}`).then(([r]) => Number(r?.n ?? 0)),
    statusCounts(db, scopeOf(req.actor), mark),
  ]);
  const total = filteredTotal ?? Object.values(counts).reduce((a, b) => a + b, 0);
  const page = rows.slice(0, size);
  const eventAssignee = await unclockedAssignees(db, page);
  const calendarOf = (agencyId: number) => keptCalendars.get(db, String(agencyId), mark.text, () => loadCalendar(db, agencyId));
  const items: QueueItem[] = [];
  for (const { ticket: t, paused, assignee, agency } of page) {
    const running = WORKED_STATUSES.includes(t.status) && !paused && t.due_at !== null;
    const cal = running ? await calendarOf(t.agency_id) : null;
    const left = cal ? timeLeft(now, new Date(t.due_at!), cal) : null;
    items.push({
      id: t.id, ref: t.ref, subject: t.subject, citizen: t.citizen_name ? `${t.citizen_name} <${t.citizen_address}>` : t.citizen_address,
      status: t.status, agency, class: t.class, category: t.category, priority: t.priority,
      receivedAt: t.received_at, dueAt: t.due_at, assignee: assignee ?? eventAssignee.get(t.id) ?? null,
      sla: paused && WORKED_STATUSES.includes(t.status) ? 'paused' : !running ? null
        : runningState(new Date(t.due_at!), now, cal!),
      left,
    });
  }
  const last = page[page.length - 1];
  return { items, next: rows.length > size && last ? encodeCursor(sort, last.ticket) : null, total, counts, mark };
}
