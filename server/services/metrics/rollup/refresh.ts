// The catch-up job: brings the rollups up to date with every ticket and ticket event written since the last
// run, from two watermarks (tickets.id, ticket_events.id). Nothing in the ticket paths calls it: events are
// written in many places, and reading them afterwards needs no hook in any of them. The scheduler runs it every
// minute; the dashboard and the CLI run it before reading, so figures include the last write.
//
// Most reads find nothing new: `hasNothingNew` sees that from the state row and the two highest ids (an index's
// last entry each), without the lock, so a read pays the catch-up only when something was written.
//
// Each batch is one transaction that first takes the state row's lock (an UPDATE), so two refreshes never
// interleave; a batch recomputes the touched tickets' facts and then their cells whole, so a batch that runs
// twice (a crash before commit) writes the same rows.
import { Op, QueryTypes } from 'sequelize';
import type { Db } from '../../../db/index.js';
import { inTransaction } from '../../../db/index.js';
import type { MetricFactAttrs, MetricRollupStateAttrs } from '../../../db/models/metrics.js';
import { rowDate } from '../ticket-stream.js';
import { slaService } from '../sla-on-demand.js';
import { sameFact } from './cells.js';
import { recomputedFacts } from './recompute.js';
import { readFacts, recomputeCells, replaceFacts, touchedDays } from './store.js';
import { advanceWatermark } from './watermark.js';

export const REFRESH_BATCH = 2_000;

export interface RefreshResult {
  /** tickets whose facts were recomputed */
  tickets: number;
  /** facts rows that changed */
  changed: number;
  batches: number;
  /** a rebuild holds the rollups: nothing was done */
  busy: boolean;
}

export async function readState(db: Db): Promise<MetricRollupStateAttrs> {
  const row = await db.models.MetricRollupState.findByPk(1, { raw: true }) as unknown as MetricRollupStateAttrs | null;
  if (!row) throw new Error('metric_rollup_state has no row: run govmail migrate');
  return { ...row, ticket_gap_since: rowDate(row.ticket_gap_since), event_gap_since: rowDate(row.event_gap_since), busy_until: rowDate(row.busy_until) };
}

/** Takes the state row's write lock for the current transaction (an UPDATE locks on both databases). */
export async function lockState(db: Db): Promise<MetricRollupStateAttrs> {
  await db.sequelize.query('UPDATE metric_rollup_state SET id = id WHERE id = 1', { type: QueryTypes.UPDATE });
  return readState(db);
}

/** Recomputes the facts of `ticketIds` and the cells they leave or enter. In a transaction. Returns the changed count. */
export async function recomputeTickets(db: Db, ticketIds: readonly number[]): Promise<number> {
  if (ticketIds.length === 0) return 0;
  const before = new Map((await readFacts(db, { ticket_id: { [Op.in]: [...ticketIds] } })).map((f) => [f.ticket_id, f]));
  const after: MetricFactAttrs[] = [];
  for await (const f of recomputedFacts(db, { ticketIds })) after.push(f);
  const changed = after.filter((f) => { const old = before.get(f.ticket_id); return !old || !sameFact(old, f); });
  const afterIds = new Set(after.map((f) => f.ticket_id));
  const gone = [...before.values()].filter((f) => !afterIds.has(f.ticket_id));
  if (changed.length === 0 && gone.length === 0) return 0;
  const touched = [...changed, ...gone];
  await replaceFacts(db, touched.map((f) => f.ticket_id), changed);
  const cells = touchedDays([...touched, ...changed.map((f) => before.get(f.ticket_id)).filter((f): f is MetricFactAttrs => f !== undefined)]);
  for (const [agencyId, days] of cells) await recomputeCells(db, agencyId, [...days]);
  return touched.length;
}

async function idsAfter(db: Db, table: 'tickets' | 'ticket_events', after: number, limit: number): Promise<{ id: number; ticket_id: number }[]> {
  const ticketCol = table === 'tickets' ? 'id' : 'ticket_id';
  return db.sequelize.query<{ id: number; ticket_id: number }>(
    `SELECT id, ${ticketCol} AS ticket_id FROM ${table} WHERE id > :after ORDER BY id LIMIT ${Number(limit)}`,
    { type: QueryTypes.SELECT, replacements: { after } },
  );
}

async function maxId(db: Db, table: 'tickets' | 'ticket_events'): Promise<number> {
  const [row] = await db.sequelize.query<{ m: number | null }>(`SELECT MAX(id) AS m FROM ${table}`, { type: QueryTypes.SELECT });
  return Number(row?.m ?? 0);
}

/**
 * True when a batch would find nothing to do: no row above either watermark, no hole waiting to fill in (a
 * hole below the highest id needs the full read) and no rebuild under way (the batch reports it). A row
 * committed after this check is caught by the next refresh, as if the batch had run a moment earlier.
 */
export async function hasNothingNew(db: Db, now: Date): Promise<boolean> {
  const state = await readState(db);
  if (state.ticket_gap_since || state.event_gap_since) return false;
  if (state.busy_until && state.busy_until.getTime() > now.getTime()) return false;
  const [tickets, events] = await Promise.all([maxId(db, 'tickets'), maxId(db, 'ticket_events')]);
  return tickets <= state.last_ticket_id && events <= state.last_event_id;
}

export async function refreshRollups(db: Db, opts: { now?: Date; batch?: number } = {}): Promise<RefreshResult> {
  const batch = opts.batch ?? REFRESH_BATCH;
  const result: RefreshResult = { tickets: 0, changed: 0, batches: 0, busy: false };
  if (await hasNothingNew(db, opts.now ?? new Date())) return result;
  // Calendars are needed now; services/sla is loaded before the transaction, not in it: loaded first inside it
  // (under tsx, as the tests run), the catch-up's next query ran outside the transaction and, on SQLite, waited
  // on that transaction's own lock (SQLITE_BUSY).
  await slaService();
  for (;;) {
    const now = opts.now ?? new Date();
    const more = await inTransaction(db.sequelize, async () => {
      const state = await lockState(db);
      if (state.busy_until && state.busy_until.getTime() > now.getTime()) {
        result.busy = true;
        return false;
      }
      const [tickets, events] = await Promise.all([
        idsAfter(db, 'tickets', state.last_ticket_id, batch), idsAfter(db, 'ticket_events', state.last_event_id, batch),
      ]);
      const ticketMark = advanceWatermark({ last: state.last_ticket_id, gapSince: state.ticket_gap_since }, tickets.map((r) => r.id), now);
      const eventMark = advanceWatermark({ last: state.last_event_id, gapSince: state.event_gap_since }, events.map((r) => r.id), now);
      const ids = [...new Set([...tickets, ...events].map((r) => r.ticket_id))].sort((a, b) => a - b);
      result.changed += await recomputeTickets(db, ids);
      result.tickets += ids.length;
      result.batches += 1;
      await db.models.MetricRollupState.update({
        last_ticket_id: ticketMark.last, ticket_gap_since: ticketMark.gapSince, last_event_id: eventMark.last, event_gap_since: eventMark.gapSince,
        refreshed_at: now,
      }, { where: { id: 1 } });
      const advanced = ticketMark.last > state.last_ticket_id || eventMark.last > state.last_event_id;
      return advanced && (tickets.length === batch || events.length === batch);
    });
    if (!more) return result;
  }
}
