// Each user's saved queue filters (issue 14 item 1): a name and the queue's query string, per user; the two
// built-in views ("mine", "overdue in my agency") are fixed queries and not stored.
import { UniqueConstraintError } from 'sequelize';
import { readRows, type Db } from '../../db/index.js';
import { TicketInputError } from './errors.js';

export const SAVED_VIEWS_MAX = 20;
export const BUILT_IN_VIEWS = [
  { key: 'mine', query: 'assignee=me' },
  { key: 'overdue', query: 'sla=overdue' },
] as const;

export interface SavedView { id: number; name: string; query: string }

/** Only the queue's own parameters are kept (never a cursor), so a view opens at its first page. */
const KEPT = ['agency', 'status', 'class', 'category', 'priority', 'sla', 'assignee', 'from', 'to', 'q', 'sort'];
export function savedQuery(query: string): string {
  const given = new URLSearchParams(query);
  const kept = new URLSearchParams();
  for (const k of KEPT) { const v = given.get(k); if (v) kept.set(k, v.slice(0, 100)); }
  return kept.toString();
}

export async function listSavedViews(db: Db, userId: number): Promise<SavedView[]> {
  // raw: the queue reads it on every request
  const rows = await readRows(db, 'SELECT v.id, v.name, v.query FROM queue_views v WHERE v.user_id = ? ORDER BY v.name ASC', [userId]);
  return rows.map((r) => ({ id: Number(r.id), name: String(r.name), query: String(r.query) }));
}

/** Saves (or, under the same name, replaces) a view of this user. */
export async function saveView(db: Db, userId: number, name: string, query: string): Promise<void> {
  const clean = name.trim().slice(0, 100);
  if (!clean) throw new TicketInputError('view', 'no_name');
  const kept = savedQuery(query);
  const replace = () => db.models.QueueView.update({ query: kept }, { where: { user_id: userId, name: clean } });
  if (await db.models.QueueView.count({ where: { user_id: userId, name: clean } })) { await replace(); return; }
  if (await db.models.QueueView.count({ where: { user_id: userId } }) >= SAVED_VIEWS_MAX) throw new TicketInputError('view', 'too_many');
  try {
    await db.models.QueueView.create({ user_id: userId, name: clean, query: kept });
  } catch (e) {
    // A double-submitted form: the other request created it between our look and our insert (unique user+name).
    if (!(e instanceof UniqueConstraintError)) throw e;
    await replace();
  }
}

/** Deletes one of this user's views; another user's id deletes nothing. */
export async function deleteView(db: Db, userId: number, id: number): Promise<boolean> {
  return (await db.models.QueueView.destroy({ where: { id, user_id: userId } })) > 0;
}
