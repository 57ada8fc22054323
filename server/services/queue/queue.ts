// The database job queue. A claim is a conditional UPDATE whose affected-row count decides the single winner,
// which holds on SQLite and MariaDB alike with any number of processes. A worker that dies leaves its job
// 'running' with a lease in the past; the next claim takes it over.
import { randomUUID } from 'node:crypto';
import { Op, UniqueConstraintError } from 'sequelize';
import type { Db } from '../../db/index.js';
import { execWrite, isWriteConflict } from '../../db/index.js';
import type { JobAttrs } from '../../db/models/foundation.js';

export const DEFAULT_LEASE_MS = 60_000;
const BACKOFF_BASE_MS = 5_000;
const BACKOFF_MAX_MS = 60 * 60_000;

export interface EnqueueOptions {
  /** A job with the same unique key is enqueued once, ever (used for scheduled ticks and side effects). */
  uniqueKey?: string;
  runAfter?: Date;
  maxAttempts?: number;
}

/** Adds a job. Returns false when a job with the same unique key already exists. */
export async function enqueue(db: Db, name: string, payload: unknown, opts: EnqueueOptions = {}): Promise<boolean> {
  try {
    await db.models.Job.create({
      name,
      payload: payload === undefined ? null : JSON.stringify(payload),
      unique_key: opts.uniqueKey ?? null,
      status: 'queued',
      run_after: opts.runAfter ?? new Date(),
      attempts: 0,
      max_attempts: opts.maxAttempts ?? 5,
    });
    return true;
  } catch (e) {
    if (e instanceof UniqueConstraintError) return false;
    throw e;
  }
}

export interface ClaimedJob {
  id: number;
  name: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
  lockToken: string;
}

/** Claims up to `limit` due jobs for this worker. Safe to call from many processes at once. */
export async function claimJobs(db: Db, opts: { limit?: number; leaseMs?: number; names?: string[]; now?: Date } = {}): Promise<ClaimedJob[]> {
  const now = opts.now ?? new Date();
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const due = {
    [Op.or]: [
      { status: 'queued', run_after: { [Op.lte]: now } },
      { status: 'running', locked_until: { [Op.lt]: now } },
    ],
    ...(opts.names ? { name: { [Op.in]: opts.names } } : {}),
  };
  const candidates = await db.models.Job.findAll({ where: due, order: [['run_after', 'ASC'], ['id', 'ASC']], limit: (opts.limit ?? 1) * 3, attributes: ['id', 'status', 'locked_until'] });
  const claimed: ClaimedJob[] = [];
  for (const c of candidates) {
    if (claimed.length >= (opts.limit ?? 1)) break;
    const token = randomUUID();
    // The WHERE repeats what we saw: if another worker claimed it in between, this changes 0 rows. On Galera the
    // other claim may come from another node: Galera retries this statement (wsrep_retry_autocommit) and then it
    // changes 0 rows, or, retries spent, certification rolls it back (a write conflict): lost too, try the next.
    const won = await execWrite(
      db.sequelize,
      `UPDATE jobs SET status = 'running', lock_token = :token, locked_until = :until, attempts = attempts + 1, updated_at = :now
       WHERE id = :id AND ((status = 'queued' AND run_after <= :now) OR (status = 'running' AND locked_until < :now))`,
      { token, until: new Date(now.getTime() + leaseMs), now, id: c.id },
    ).catch((e: unknown) => { if (isWriteConflict(e)) return 0; throw e; });
    if (won !== 1) continue;
    const job = (await db.models.Job.findByPk(c.id))!;
    claimed.push({ id: job.id, name: job.name, payload: job.payload ? JSON.parse(job.payload) : undefined, attempts: job.attempts, maxAttempts: job.max_attempts, lockToken: token });
  }
  return claimed;
}

/** Extends a lease. Returns false when the lease was lost (another worker took the job over). */
export async function renewLease(db: Db, job: ClaimedJob, leaseMs = DEFAULT_LEASE_MS): Promise<boolean> {
  const now = new Date();
  const n = await execWrite(db.sequelize, `UPDATE jobs SET locked_until = :until, updated_at = :now WHERE id = :id AND lock_token = :token AND status = 'running'`, {
    until: new Date(now.getTime() + leaseMs), now, id: job.id, token: job.lockToken,
  });
  return n === 1;
}

export async function completeJob(db: Db, job: ClaimedJob): Promise<boolean> {
  const now = new Date();
  const n = await execWrite(db.sequelize, `UPDATE jobs SET status = 'done', lock_token = NULL, locked_until = NULL, finished_at = :now, updated_at = :now WHERE id = :id AND lock_token = :token`, {
    now, id: job.id, token: job.lockToken,
  });
  return n === 1;
}

/** Exponential backoff with full jitter kept deterministic per attempt (tests can predict the bound). */
export function retryDelayMs(attempt: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
}

/** Records a failure: the job is queued again with backoff, or marked failed after its last attempt. */
export async function failJob(db: Db, job: ClaimedJob, error: unknown): Promise<'retry' | 'failed'> {
  const now = new Date();
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const final = job.attempts >= job.maxAttempts;
  await execWrite(
    db.sequelize,
    `UPDATE jobs SET status = :status, run_after = :runAfter, lock_token = NULL, locked_until = NULL, last_error = :message,
       finished_at = :finished, updated_at = :now WHERE id = :id AND lock_token = :token`,
    {
      status: final ? 'failed' : 'queued',
      runAfter: new Date(now.getTime() + retryDelayMs(job.attempts)),
      message: message.slice(0, 2000),
      finished: final ? now : null,
      now, id: job.id, token: job.lockToken,
    },
  );
  return final ? 'failed' : 'retry';
}

export async function countJobs(db: Db, status: JobAttrs['status']): Promise<number> {
  return db.models.Job.count({ where: { status } });
}
