// Each user's saved queue filters (issue 14 item 1): a name and the queue's query string, per user; the two
// built-in views ("mine", "overdue in my agency") are fixed queries and not stored. The queue shows them on every
// drawing, so a user's views are kept under their user row's updated_at, which every signed-in request reads with
// its session (services/auth) and which saving or deleting a view sets: the next drawing in any process reads them
// again (change-mark.ts KeptUntilChange, 5 s at most).
import { UniqueConstraintError } from 'sequelize';
import { execWrite, readRows, type Db } from '../../db/index.js';
import type { UserAttrs } from '../../db/models/foundation.js';
import { TicketInputError } from './errors.js';
import { KeptUntilChange } from './change-mark.js';

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

const keptViews = new KeptUntilChange<SavedView[]>();

async function readViews(db: Db, userId: number): Promise<SavedView[]> {
  const rows = await readRows(db, 'SELECT v.id, v.name, v.query FROM queue_views v WHERE v.user_id = ? ORDER BY v.name ASC', [userId]);
  return rows.map((r) => ({ id: Number(r.id), name: String(r.name), query: String(r.query) }));
}

/** `user` as the session read it: its updated_at is the mark the views are kept under. */
export async function listSavedViews(db: Db, user: Pick<UserAttrs, 'id' | 'updated_at'>): Promise<SavedView[]> {
  if (!user.updated_at) return readViews(db, user.id);
  return keptViews.get(db, String(user.id), String(new Date(user.updated_at).getTime()), () => readViews(db, user.id));
}

/** A change of the user's views moves their mark (listSavedViews). Written by hand: sequelize's Model.update
 *  treats updated_at as its own and sends nothing when it is the only field. */
async function viewsChanged(db: Db, userId: number): Promise<void> {
  await execWrite(db.sequelize, 'UPDATE users SET updated_at = :now WHERE id = :id', { now: new Date(), id: userId });
}

/** Saves (or, under the same name, replaces) a view of this user. */
export async function saveView(db: Db, userId: number, name: string, query: string): Promise<void> {
  await storeView(db, userId, name, query);
  await viewsChanged(db, userId);
}

async function storeView(db: Db, userId: number, name: string, query: string): Promise<void> {
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
  const deleted = (await db.models.QueueView.destroy({ where: { id, user_id: userId } })) > 0;
  if (deleted) await viewsChanged(db, userId);
  return deleted;
}
