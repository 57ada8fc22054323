// One pass over a hotline inbox: take the lease (conditional UPDATE, the affected-row count decides the one
// owner across processes and machines), check UIDVALIDITY, fetch every UID above the cursor, ingest them
// in groups (ingest-stream.ts), record the error state, release the lease. An inbox failing never stops the others.
import { randomUUID } from 'node:crypto';
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import { execWrite } from '../../db/index.js';
import type { HotlineInboxAttrs } from '../../db/models/hotline.js';
import { withImapMailbox, type ImapMailbox } from '../../mail/imap.js';
import { audit } from '../audit/audit-log.js';
import type { IngestContext } from './ingest-context.js';
import { inboxImapConfig, recordInboxFailure, recordInboxSuccess } from './inbox-store.js';
import type { IngestOutcome, InboxRef } from './ingest-message.js';
import { ingestStream } from './ingest-stream.js';

export const INBOX_LEASE_MS = 120_000;

export interface PollCounts { fetched: number; tickets: number; threaded: number; auto: number; bounces: number; quarantined: number }
export const emptyCounts = (): PollCounts => ({ fetched: 0, tickets: 0, threaded: 0, auto: 0, bounces: 0, quarantined: 0 });

export interface PollOptions {
  secretKey: string;
  owner?: string;
  leaseMs?: number;
  /** after the fetch, wait this long in IDLE for new mail and fetch again (the worker's near-real-time loop) */
  idleMs?: number;
  /** stop when this returns false (shutdown) */
  keepGoing?: () => boolean;
}

export async function claimInboxLease(db: Db, inboxId: number, owner: string, leaseMs: number, now = new Date()): Promise<boolean> {
  const n = await execWrite(db.sequelize,
    `UPDATE hotline_inboxes SET lease_owner = :owner, lease_until = :until, updated_at = :now
     WHERE id = :id AND active = :yes AND (lease_owner IS NULL OR lease_until IS NULL OR lease_until < :now OR lease_owner = :owner)`,
    { owner, until: new Date(now.getTime() + leaseMs), now, id: inboxId, yes: true });
  return n === 1;
}

export async function releaseInboxLease(db: Db, inboxId: number, owner: string): Promise<void> {
  await execWrite(db.sequelize, 'UPDATE hotline_inboxes SET lease_owner = NULL, lease_until = NULL WHERE id = :id AND lease_owner = :owner', { id: inboxId, owner });
}

export function count(c: PollCounts, o: IngestOutcome): void {
  c.fetched++;
  if (o === 'ticket') c.tickets++;
  else if (o === 'threaded') c.threaded++;
  else if (o === 'auto') c.auto++;
  else if (o === 'bounce') c.bounces++;
  else if (o === 'quarantined') c.quarantined++;
}

/** Polls one inbox if its lease is free. Returns null when another worker holds it. Never throws for IMAP trouble. */
export async function pollInbox(db: Db, ctx: IngestContext, inboxId: number, opts: PollOptions): Promise<PollCounts | null> {
  const owner = opts.owner ?? randomUUID();
  const leaseMs = opts.leaseMs ?? INBOX_LEASE_MS;
  if (!(await claimInboxLease(db, inboxId, owner, leaseMs))) return null;
  const counts = emptyCounts();
  try {
    const inbox = (await db.models.HotlineInbox.findByPk(inboxId))!.get({ plain: true }) as HotlineInboxAttrs;
    const agency = (await db.models.Agency.findByPk(inbox.agency_id))!;
    await withImapMailbox(await inboxImapConfig(db, inbox, opts.secretKey), async (mailbox) => {
      const ref: InboxRef = { inbox, agency: { id: agency.id, code: agency.code, name: agency.name }, uidValidity: mailbox.uidValidity, leaseOwner: owner, leaseMs };
      let cursor = await reseedIfNeeded(db, inbox, mailbox.uidValidity, owner);
      for (;;) {
        const uids = await mailbox.uidsAfter(cursor);
        cursor = (await ingestStream(db, ctx, ref, mailbox.fetchSources(uids), { onCommitted: (_, o) => count(counts, o) })) ?? cursor;
        // UIDs that vanished between SEARCH and FETCH still move the cursor, or we would search them forever.
        if (uids.length && uids[uids.length - 1] > cursor) cursor = await skipTo(db, inbox.id, owner, uids[uids.length - 1]);
        if (!opts.idleMs || (opts.keepGoing && !opts.keepGoing())) break;
        if (!(await claimInboxLease(db, inboxId, owner, leaseMs))) break;
        await mailbox.waitForNewMail(Math.min(opts.idleMs, leaseMs / 2));
        if (opts.keepGoing && !opts.keepGoing()) break;
      }
    });
    await recordInboxSuccess(db, inboxId, new Date());
  } catch (e) {
    await recordInboxFailure(db, inboxId, e, { to: ctx.alertTo, from: ctx.mailFrom }, new Date());
  } finally {
    await releaseInboxLease(db, inboxId, owner);
  }
  return counts;
}

export async function skipTo(db: Db, inboxId: number, owner: string, uid: number): Promise<number> {
  await execWrite(db.sequelize, 'UPDATE hotline_inboxes SET last_uid = :uid WHERE id = :id AND lease_owner = :owner AND last_uid < :uid', { uid, id: inboxId, owner });
  return uid;
}

/** First connect records UIDVALIDITY; a change re-seeds the cursor at 0 and Message-ID dedupe keeps old mail old. */
export async function reseedIfNeeded(db: Db, inbox: HotlineInboxAttrs, uidValidity: string, owner: string): Promise<number> {
  if (inbox.uid_validity === uidValidity) return Number(inbox.last_uid);
  await execWrite(db.sequelize, 'UPDATE hotline_inboxes SET uid_validity = :uv, last_uid = 0 WHERE id = :id AND lease_owner = :owner', { uv: uidValidity, id: inbox.id, owner });
  if (inbox.uid_validity !== null) {
    await audit(db, { actor: 'system', action: 'hotline.uidvalidity_changed', target: `hotline_inbox:${inbox.id}`, details: { from: inbox.uid_validity, to: uidValidity } });
  }
  return 0;
}

/** One pass over every active inbox (optionally one agency), each under its own lease. */
export async function pollAllInboxes(db: Db, ctx: IngestContext, opts: PollOptions & { agencyCode?: string }): Promise<PollCounts> {
  const where: Record<string, unknown> = { active: true };
  if (opts.agencyCode) {
    const agency = await db.models.Agency.findOne({ where: { code: opts.agencyCode } });
    if (!agency) throw new Error(`unknown agency ${opts.agencyCode}`);
    where.agency_id = agency.id;
  }
  const inboxes = await db.models.HotlineInbox.findAll({ where: where as never, attributes: ['id'], order: [['id', 'ASC']] });
  const total = emptyCounts();
  for (const { id } of inboxes) {
    const c = await pollInbox(db, ctx, id, opts);
    if (c) for (const k of Object.keys(total) as (keyof PollCounts)[]) total[k] += c[k];
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
export type { ImapMailbox };
