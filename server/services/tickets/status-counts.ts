// The per-status counts of a scope (the summary bar of the queue and the agent's home). Counting them is a walk
// over every ticket of the scope's index, more than the rest of the queue page together at an agency's full
// history, and they change only when a ticket is added or its status changes, which always writes a ticket
// event in the same transaction. So each scope's counts are kept with the highest ticket and event ids seen
// before they were read, and read again when either has moved. On MariaDB a transaction can commit a lower id
// after a higher one was already seen; MAX_AGE_MS bounds how long such a change can go unseen.
import { fn, col } from 'sequelize';
import { readRows, type Db } from '../../db/index.js';
import { TICKET_STATUSES } from './list.js';
import { scopeWhere, type AgencyIds } from './scope.js';

const MAX_AGE_MS = 5_000;
/** More distinct scopes than this (agencies, plus province-wide) only happens in tests; start over then. */
const MAX_SCOPES = 1_000;

interface Kept { mark: string; at: number; counts: Record<string, number> }
const kept = new WeakMap<Db, Map<string, Kept>>();

/** Changes whenever a ticket is opened or an event written: the two highest ids, one primary-key lookup each. */
async function changeMark(db: Db): Promise<string> {
  const [row] = await readRows<{ t: number | null; e: number | null }>(db, 'SELECT (SELECT MAX(id) FROM tickets) AS t, (SELECT MAX(id) FROM ticket_events) AS e');
  return `${row?.t ?? 0}.${row?.e ?? 0}`;
}

async function countByStatus(db: Db, scope: AgencyIds): Promise<Record<string, number>> {
  const rows = (await db.models.Ticket.findAll({
    where: scopeWhere(scope), attributes: ['status', [fn('COUNT', col('id')), 'n']], group: ['status'], raw: true,
  })) as unknown as { status: string; n: number | string }[];
  const counts: Record<string, number> = Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0]));
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

/** Tickets per status within the scope (every status present, 0 when none). */
export async function statusCounts(db: Db, scope: AgencyIds): Promise<Record<string, number>> {
  const key = scope ? [...scope].sort((a, b) => a - b).join(',') : '*';
  let byScope = kept.get(db);
  if (!byScope) kept.set(db, byScope = new Map());
  // the mark is read before the counts, so counts kept under a mark are never older than it
  const mark = await changeMark(db);
  const now = Date.now();
  const hit = byScope.get(key);
  if (hit && hit.mark === mark && now - hit.at < MAX_AGE_MS) return { ...hit.counts };
  const counts = await countByStatus(db, scope);
  if (byScope.size >= MAX_SCOPES) byScope.clear();
  byScope.set(key, { mark, at: now, counts });
  return { ...counts };
}
