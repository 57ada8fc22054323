// The shared operational state, read from the database so every process (web, worker, scheduler, on one machine
// or several) sees the same picture: inbox health and owners, outbox depth, job-queue lag, SLA breaches, inbound
// mail by classification. Each query reads an index (the scrape runs every few seconds): inboxes and agencies are
// small tables; outbox and jobs are read through their status indexes and never count the `sent`/`done` history.
import { Op, QueryTypes } from 'sequelize';
import type { Db } from '../../db/index.js';

/** How long an inbox lease may have lapsed and still count as owned: its owner renews it while polling, so a lease
 *  a minute past its end is a renewal running late; longer, no worker holds the inbox (a takeover waits out the
 *  dead owner's INBOX_LEASE_SECONDS lease first). */
export const LEASE_GRACE_MS = 60_000;
/** A due job waiting longer than this means no job runner is working the queue. */
export const JOB_LAG_LIMIT_MS = 5 * 60_000;
/** The outbox states that count as depth (waiting or stuck); `sent` is history and is never counted. */
export const OUTBOX_OPEN_STATES = ['queued', 'sending', 'failed', 'unknown', 'held'] as const;

export interface InboxHealth {
  inboxId: number;
  /** the agency's code: the only label an inbox carries outside the app (no addresses, no mail) */
  agency: string;
  owner: string | null;
  owned: boolean;
  lastOkAt: Date | null;
  consecutiveFailures: number;
  /** no success within the stale limit (an inbox never polled counts from when it was set up) */
  stale: boolean;
}

/** Every active hotline inbox with its owner and freshness at `now`. */
export async function inboxHealth(db: Db, now: Date, staleMs: number): Promise<InboxHealth[]> {
  const [inboxes, agencies] = await Promise.all([
    db.models.HotlineInbox.findAll({ where: { active: true },
      attributes: ['id', 'agency_id', 'lease_owner', 'lease_until', 'last_ok_at', 'consecutive_failures', 'created_at'], order: [['id', 'ASC']] }),
    db.models.Agency.findAll({ attributes: ['id', 'code'] }),
  ]);
  const codes = new Map(agencies.map((a) => [a.id, a.code]));
  return inboxes.map((i) => {
    const since = i.last_ok_at ?? (i as unknown as { created_at: Date }).created_at;
    return {
      inboxId: i.id, agency: codes.get(i.agency_id) ?? `#${i.agency_id}`,
      owner: i.lease_owner, owned: i.lease_owner !== null && i.lease_until !== null && i.lease_until.getTime() > now.getTime() - LEASE_GRACE_MS,
      lastOkAt: i.last_ok_at, consecutiveFailures: i.consecutive_failures,
      stale: now.getTime() - new Date(since).getTime() > staleMs,
    };
  });
}

/** Outbox rows by open state (0 for a state with none). */
export async function outboxDepth(db: Db): Promise<Record<(typeof OUTBOX_OPEN_STATES)[number], number>> {
  const rows = await db.models.Outbox.count({ where: { status: { [Op.in]: [...OUTBOX_OPEN_STATES] } }, group: ['status'] }) as unknown as { status: string; count: number }[];
  const depth = Object.fromEntries(OUTBOX_OPEN_STATES.map((s) => [s, 0])) as Record<(typeof OUTBOX_OPEN_STATES)[number], number>;
  for (const r of rows) depth[r.status as keyof typeof depth] = Number(r.count);
  return depth;
}

/** Outbox mail that failed, or may not have gone (unknown), since `since`: by the time it last changed. `failed`
 *  is final (a citizen's bad address fails for good), so the standing total would alert forever; only new failures
 *  are news to the watchdog. `newestId` is the row that turned failed or unknown last (null when none did): it
 *  names the newest failure, so the watchdog alerts once per new failure (a row made earlier and retried for
 *  hours can fail after a younger one, hence by time, not by id). */
export async function outboxFailuresSince(db: Db, since: Date): Promise<{ failed: number; unknown: number; newestId: number | null }> {
  const where = { status: { [Op.in]: ['failed', 'unknown'] }, updated_at: { [Op.gte]: since } } as never;
  const [rows, newest] = await Promise.all([
    db.models.Outbox.count({ where, group: ['status'] }) as unknown as Promise<{ status: string; count: number }[]>,
    db.models.Outbox.findOne({ where, attributes: ['id'], order: [['updated_at', 'DESC'], ['id', 'DESC']], raw: true }),
  ]);
  const count = (status: string) => Number(rows.find((r) => r.status === status)?.count ?? 0);
  return { failed: count('failed'), unknown: count('unknown'), newestId: newest?.id ?? null };
}

/**
 * Due queued jobs and how long the oldest has waited (ms; 0 when none is due): the runners' heartbeat. And how
 * long ago the newest job was queued (null: the queue never held one): the schedulers' heartbeat, since they
 * queue outbox.flush every 15 s. The newest is read by primary key, the due ones on the claim index.
 */
export async function jobLag(db: Db, now: Date): Promise<{ due: number; oldestMs: number; newestAgeMs: number | null }> {
  const where = { status: 'queued', run_after: { [Op.lte]: now } };
  const [due, oldest, newest] = await Promise.all([
    db.models.Job.count({ where }),
    db.models.Job.min('run_after', { where }) as Promise<Date | string | null>,
    db.models.Job.findOne({ order: [['id', 'DESC']], attributes: ['created_at'] }),
  ]);
  const createdAt = (newest as unknown as { created_at?: Date } | null)?.created_at;
  return { due, oldestMs: oldest ? Math.max(0, now.getTime() - new Date(oldest).getTime()) : 0,
    newestAgeMs: createdAt ? Math.max(0, now.getTime() - new Date(createdAt).getTime()) : null };
}

/** Open cases whose deadline has passed and were escalated (ticket_sla.breached_at), read on the open-clock index. */
export async function openBreaches(db: Db): Promise<number> {
  return db.models.TicketSla.count({ where: { resolved_at: null, breached_at: { [Op.ne]: null } } });
}

/** Inbound mail stored, by classification (the index on messages(classification, direction)). */
export async function inboundByClass(db: Db): Promise<Map<string, number>> {
  const rows = await db.sequelize.query<{ classification: string; n: number }>(
    "SELECT classification, COUNT(*) AS n FROM messages WHERE direction = 'in' GROUP BY classification", { type: QueryTypes.SELECT });
  return new Map(rows.map((r) => [r.classification, Number(r.n)]));
}
