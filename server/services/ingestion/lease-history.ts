// The record of inbox lease stints (table inbox_lease_history, migration 0021): one row from the claim that took
// an inbox to its release, its held_until moved at each renewal. Written in the transaction of the claiming or
// releasing UPDATE (poll-inbox.ts), whose row lock keeps every other claimer out meanwhile. The times are the
// writer's clock, taken so that stints never overlap while the lease works: claimed_at after the claiming UPDATE
// (a predecessor had released, or its lease_until had passed), released_at before the releasing UPDATE.
import { QueryTypes, type Transaction } from 'sequelize';
import type { Db } from '../../db/index.js';
import { execWrite, withDbTimes } from '../../db/index.js';
import type { InboxLeaseHistoryAttrs } from '../../db/models/hotline.js';

/** After a claim or renewal won: extends this owner's open stint, or opens one (a new claim). */
export async function recordLeaseHeld(db: Db, inboxId: number, owner: string, until: Date, transaction: Transaction): Promise<void> {
  const last = await db.models.InboxLeaseHistory.findOne({ where: { inbox_id: inboxId }, order: [['id', 'DESC']], attributes: ['id', 'owner', 'released_at'], transaction });
  if (last && last.owner === owner && last.released_at === null) {
    await execWrite(db.sequelize, 'UPDATE inbox_lease_history SET held_until = :until WHERE id = :id', { until, id: last.id }, transaction);
    return;
  }
  await db.models.InboxLeaseHistory.create({ inbox_id: inboxId, owner, claimed_at: new Date(), held_until: until, released_at: null }, { transaction });
}

/** In the releasing transaction, once its UPDATE found the lease still held: closes this owner's open stint at
 *  `at`, a time taken before that UPDATE (whose row lock keeps the next claimer waiting until the commit). */
export async function recordLeaseReleased(db: Db, inboxId: number, owner: string, at: Date, transaction: Transaction): Promise<void> {
  await execWrite(db.sequelize, 'UPDATE inbox_lease_history SET released_at = :at WHERE inbox_id = :inbox AND owner = :owner AND released_at IS NULL',
    { at, inbox: inboxId, owner }, transaction);
}

const ENDED = 'held_until < :before AND (released_at IS NULL OR released_at < :before)';
const LEASE_PURGE_BATCH = 500;

/** Deletes the stints that ended before `before` (released, or their lease run out), never one still held; returns
 *  how many. The hotline.reconcile job calls it with LEASE_HISTORY_RETENTION_DAYS. In batches by id: a plain read
 *  finds the next ids (oldest first, so it stops early while old rows remain), then a DELETE by primary key takes
 *  those rows' locks only, never a lock over the whole table that claims and renewals would wait on. The DELETE
 *  checks the end again, for a stint renewed in between. (Not DELETE … LIMIT: SQLite builds may lack it.) */
export async function purgeLeaseHistory(db: Db, before: Date, batch = LEASE_PURGE_BATCH): Promise<number> {
  let purged = 0;
  let after = 0;
  for (;;) {
    const rows = await db.sequelize.query<{ id: number }>(`SELECT id FROM inbox_lease_history WHERE id > :after AND ${ENDED} ORDER BY id LIMIT ${Number(batch)}`,
      { replacements: withDbTimes(db.sequelize, { before, after }), type: QueryTypes.SELECT });
    if (!rows.length) return purged;
    const ids = rows.map((r) => Number(r.id));
    purged += await execWrite(db.sequelize, `DELETE FROM inbox_lease_history WHERE id IN (:ids) AND ${ENDED}`, { ids, before });
    if (rows.length < batch) return purged;
    after = ids[ids.length - 1]!;
  }
}

/** Every stint, oldest first per inbox (operators and the multi-process test read them). */
export async function leaseStints(db: Db): Promise<InboxLeaseHistoryAttrs[]> {
  const rows = await db.models.InboxLeaseHistory.findAll({ order: [['inbox_id', 'ASC'], ['id', 'ASC']] });
  return rows.map((r) => r.get({ plain: true }) as InboxLeaseHistoryAttrs);
}
