// One pass over a hotline inbox (`govmail poll --once`, the one-off hotline.poll job): take the lease
// (conditional UPDATE, the affected-row count decides the one owner across processes and machines), run the
// IMAP loop of inbox-session.ts once, record the error state, release the lease. An inbox failing never stops
// the others. The inbox leases the hotline worker holds are taken and released here too.
import { randomUUID } from 'node:crypto';
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import { execWrite, isWriteConflict } from '../../db/index.js';
import type { IngestContext } from './ingest-context.js';
import { recordInboxFailure, recordInboxSuccess } from './inbox-store.js';
import { activeInbox, addCounts, emptyCounts, runInboxSession, type PollCounts } from './inbox-session.js';
import { findAgencyByCode } from '../org/index.js';
import { recordLeaseHeld, recordLeaseReleased } from './lease-history.js';

export const INBOX_LEASE_MS = 120_000;

export interface PollOptions {
  secretKey: string;
  owner?: string;
  leaseMs?: number;
}

export type { PollCounts };

/** Tries a claim again after a write conflict, with the row as it is then: a few, since each one lost to a writer. */
const CLAIM_CONFLICT_TRIES = 3;

/**
 * Takes or renews the lease; true when this owner holds it now. The UPDATE and the stint it records
 * (lease-history.ts) commit together, so the history never shows a claim that a stall let lapse in between.
 * A write conflict (on Galera: another node changed the row at the same moment, and certification rolled this
 * claim back) is tried again; the try reads the row anew, so another owner's claim makes it false. Still in
 * conflict after that, the claim is lost (false): never an error that would stop a worker's other claims.
 */
export async function claimInboxLease(db: Db, inboxId: number, owner: string, leaseMs: number, now = new Date()): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await tryClaimInboxLease(db, inboxId, owner, leaseMs, now);
    } catch (e) {
      if (!isWriteConflict(e)) throw e;
      if (attempt >= CLAIM_CONFLICT_TRIES) return false;
    }
  }
}

async function tryClaimInboxLease(db: Db, inboxId: number, owner: string, leaseMs: number, now: Date): Promise<boolean> {
  const until = new Date(now.getTime() + leaseMs);
  return db.sequelize.transaction(async (transaction) => {
    const n = await execWrite(db.sequelize,
      `UPDATE hotline_inboxes SET lease_owner = :owner, lease_until = :until, updated_at = :now
       WHERE id = :id AND active = :yes AND (lease_owner IS NULL OR lease_until IS NULL OR lease_until < :now OR lease_owner = :owner)`,
      { owner, until, now, id: inboxId, yes: true }, transaction);
    if (n !== 1) return false;
    await recordLeaseHeld(db, inboxId, owner, until, transaction);
    return true;
  });
}

export async function releaseInboxLease(db: Db, inboxId: number, owner: string): Promise<void> {
  const at = new Date();
  await db.sequelize.transaction(async (transaction) => {
    const n = await execWrite(db.sequelize, 'UPDATE hotline_inboxes SET lease_owner = NULL, lease_until = NULL WHERE id = :id AND lease_owner = :owner', { id: inboxId, owner }, transaction);
    // Only a lease still held is released; one lost to a stall ended when it expired (its held_until).
    if (n === 1) await recordLeaseReleased(db, inboxId, owner, at, transaction);
  });
}

/** Polls one inbox if its lease is free. Returns null when another worker holds it. Never throws for IMAP trouble. */
export async function pollInbox(db: Db, ctx: IngestContext, inboxId: number, opts: PollOptions): Promise<PollCounts | null> {
  const owner = opts.owner ?? randomUUID();
  const leaseMs = opts.leaseMs ?? INBOX_LEASE_MS;
  if (!(await claimInboxLease(db, inboxId, owner, leaseMs))) return null;
  const counts = emptyCounts();
  try {
    const found = await activeInbox(db, inboxId);
    if (found) {
      await runInboxSession(db, ctx, found.inbox, found.agency, {
        secretKey: opts.secretKey, owner, leaseMs, once: true,
        onCaughtUp: async (c) => addCounts(counts, c),
      });
    }
    await recordInboxSuccess(db, inboxId, new Date());
  } catch (e) {
    await recordInboxFailure(db, inboxId, e, { to: ctx.alertTo, from: ctx.mailFrom }, new Date());
  } finally {
    await releaseInboxLease(db, inboxId, owner);
  }
  return counts;
}

/** One pass over every active inbox (optionally one agency), each under its own lease. */
export async function pollAllInboxes(db: Db, ctx: IngestContext, opts: PollOptions & { agencyCode?: string }): Promise<PollCounts> {
  const where: Record<string, unknown> = { active: true };
  if (opts.agencyCode) {
    const agency = await findAgencyByCode(db, opts.agencyCode);
    if (!agency) throw new Error(`unknown agency ${opts.agencyCode}`);
    where.agency_id = agency.id;
  }
  const inboxes = await db.models.HotlineInbox.findAll({ where: where as never, attributes: ['id'], order: [['id', 'ASC']] });
  const total = emptyCounts();
  for (const { id } of inboxes) {
    const c = await pollInbox(db, ctx, id, opts);
    if (c) addCounts(total, c);
  }
  return total;
}

/** Inboxes whose lease is free, for workers picking up the work of a dead one. */
export async function inboxesWithFreeLease(db: Db, now = new Date()): Promise<number[]> {
  const rows = await db.models.HotlineInbox.findAll({
    where: { active: true, [Op.or]: [{ lease_until: null }, { lease_until: { [Op.lt]: now } }] }, attributes: ['id'],
  });
  return rows.map((r) => r.id);
}
