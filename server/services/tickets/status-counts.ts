// The per-status counts of a scope (the summary bar of the queue and the agent's home). Counting them is a walk
// over every ticket of the scope's index, more than the rest of the queue page together at an agency's full
// history, so each scope's counts are kept until the tickets change (change-mark.ts).
import { fn, col } from 'sequelize';
import type { Db } from '../../db/index.js';
import { TICKET_STATUSES } from './list.js';
import { scopeWhere, type AgencyIds } from './scope.js';
import { KeptUntilChange, readChangeMark, type ChangeMark } from './change-mark.js';

const kept = new KeptUntilChange<Record<string, number>>();

async function countByStatus(db: Db, scope: AgencyIds): Promise<Record<string, number>> {
  const rows = (await db.models.Ticket.findAll({
    where: scopeWhere(scope), attributes: ['status', [fn('COUNT', col('id')), 'n']], group: ['status'], raw: true,
  })) as unknown as { status: string; n: number | string }[];
  const counts: Record<string, number> = Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0]));
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

/** Tickets per status within the scope (every status present, 0 when none); `mark`: one the caller read already. */
export async function statusCounts(db: Db, scope: AgencyIds, mark?: ChangeMark): Promise<Record<string, number>> {
  const key = scope ? [...scope].sort((a, b) => a - b).join(',') : '*';
  return { ...await kept.get(db, key, (mark ?? await readChangeMark(db)).text, () => countByStatus(db, scope)) };
}
