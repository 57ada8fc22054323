// Reads of many tickets (the per-status counts, a queue page) kept per key until the tickets change. A ticket is
// opened, or a change the queue shows is made (status, assignee, class, category, priority, the clock), always
// with a ticket event in the same transaction, so the highest ticket and event ids together move on every such
// change: that pair is the mark a kept value is stored under, and a value is read again once the mark moves.
// Some changes move no mark (an agency or an officer renamed, a calendar day changed, the clock's minutes
// running on), and on MariaDB a transaction can commit a lower id after a higher one was seen; MAX_AGE_MS bounds
// how long any of those can go unseen.
import { readRows, type Db } from '../../db/index.js';

export const MAX_AGE_MS = 5_000;

/** The highest ticket and event ids, read in one statement (a primary-key lookup each). */
export interface ChangeMark { text: string; lastEventId: number }

export async function readChangeMark(db: Db): Promise<ChangeMark> {
  const [row] = await readRows<{ t: number | string | null; e: number | string | null }>(db,
    'SELECT (SELECT MAX(id) FROM tickets) AS t, (SELECT MAX(id) FROM ticket_events) AS e');
  const lastEventId = Number(row?.e ?? 0);
  return { text: `${Number(row?.t ?? 0)}.${lastEventId}`, lastEventId };
}

interface Kept<T> { mark: string; at: number; value: T }

/** Values kept per database and key, each under the mark read before it was computed. More distinct keys than
 *  `maxKeys` start the map over: kept values are a cache, never the only copy. */
export class KeptUntilChange<T> {
  private readonly byDb = new WeakMap<Db, Map<string, Kept<T>>>();

  constructor(private readonly maxKeys = 1_000) {}

  /** The value kept for `key` under this mark (a ChangeMark's text, or another value that moves on every change of
   *  what `read` reads), younger than MAX_AGE_MS; else `read()`'s, kept. `read` must start after `mark` was read, so
   *  a kept value is never older than its mark. */
  async get(db: Db, key: string, mark: string, read: () => Promise<T>): Promise<T> {
    let kept = this.byDb.get(db);
    if (!kept) this.byDb.set(db, (kept = new Map()));
    const hit = kept.get(key);
    const now = Date.now();
    if (hit && hit.mark === mark && now - hit.at < MAX_AGE_MS) return hit.value;
    const value = await read();
    if (kept.size >= this.maxKeys) kept.clear();
    kept.set(key, { mark, at: now, value });
    return value;
  }
}
