// Claims due jobs and runs them, renewing each lease on a timer shorter than the lease.
import type { Db } from '../server/db/index.js';
import type { Logger } from '../server/logger.js';
import { claimJobs, completeJob, failJob, renewLease, DEFAULT_LEASE_MS, type ClaimedJob } from '../server/services/queue/index.js';
import type { JobRegistry } from './registry.js';

export interface RunnerOptions {
  leaseMs?: number;
  pollMs?: number;
  concurrency?: number;
}

export class JobRunner {
  private stopping = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly db: Db,
    private readonly registry: JobRegistry,
    private readonly log: Logger,
    private readonly opts: RunnerOptions = {},
  ) {}

  /** Runs one job to completion; returns 'none' when nothing was due. */
  async runOnce(): Promise<'ran' | 'none'> {
    const leaseMs = this.opts.leaseMs ?? DEFAULT_LEASE_MS;
    const [job] = await claimJobs(this.db, { limit: 1, leaseMs, names: this.registry.names() });
    if (!job) return 'none';
    await this.execute(job, leaseMs);
    return 'ran';
  }

  private async execute(job: ClaimedJob, leaseMs: number): Promise<void> {
    let owned = true;
    const renewal = setInterval(() => {
      renewLease(this.db, job, leaseMs)
        .then((ok) => {
          if (!ok) owned = false;
        })
        .catch((e) => this.log.warn({ event: 'job.lease.renew_failed', job: job.id, err: String(e) }));
    }, Math.floor(leaseMs / 3));
    try {
      const handler = this.registry.get(job.name)!;
      await handler(job.payload, { db: this.db, log: this.log, stillOwned: () => owned });
      await completeJob(this.db, job);
    } catch (e) {
      const outcome = await failJob(this.db, job, e);
      this.log.warn({ event: outcome === 'failed' ? 'job.failed' : 'job.retry', job: job.id, name: job.name, attempt: job.attempts, err: e instanceof Error ? e.message : String(e) });
    } finally {
      clearInterval(renewal);
    }
  }

  /** Starts `concurrency` loops that run jobs until stop(). */
  start(): void {
    const concurrency = this.opts.concurrency ?? 2;
    const pollMs = this.opts.pollMs ?? 1000;
    const worker = async () => {
      while (!this.stopping) {
        let ran: 'ran' | 'none' = 'none';
        try {
          ran = await this.runOnce();
        } catch (e) {
          this.log.error({ event: 'job.runner.error', err: e instanceof Error ? e.message : String(e) });
        }
        if (ran === 'none' && !this.stopping) {
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, pollMs);
            this.wake = () => {
              clearTimeout(t);
              resolve();
            };
          });
        }
      }
    };
    this.loop = Promise.all(Array.from({ length: concurrency }, worker)).then(() => undefined);
  }

  /** Lets running jobs finish, then resolves. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
  }
}
