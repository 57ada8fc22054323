// Job handlers by name. A handler must be safe to run again after a crash: the queue guarantees one owner at a
// time, not exactly-once execution, so handlers make their side effects idempotent (outbox keys, cursors).
import type { Db } from '../server/db/index.js';
import type { Logger } from '../server/logger.js';
import type { Env } from '../server/config/env.js';
import type { MailTransport } from '../server/mail/transport.js';
import type { IngestContext } from '../server/services/ingestion/index.js';

export interface JobContext {
  db: Db;
  log: Logger;
  /** false once the lease is lost; long handlers check it between steps */
  stillOwned(): boolean;
}

/** What handlers get from the composition root (server/composition.ts) besides the runner's db and log. */
export interface JobDeps {
  config: Pick<Env, 'SECRET_KEY' | 'MAIL_FROM' | 'INBOX_STALE_MINUTES' | 'LEASE_HISTORY_RETENTION_DAYS'>;
  transport(): Promise<MailTransport>;
  ingestContext(): Promise<IngestContext>;
  /** the clock of handlers whose work depends on the time slot (the watchdog's once-per-period alerts) */
  now(): Date;
}

export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<void>;

export class JobRegistry {
  private readonly handlers = new Map<string, JobHandler>();

  register(name: string, handler: JobHandler): this {
    if (this.handlers.has(name)) throw new Error(`job "${name}" is registered twice`);
    this.handlers.set(name, handler);
    return this;
  }

  get(name: string): JobHandler | undefined {
    return this.handlers.get(name);
  }

  names(): string[] {
    return [...this.handlers.keys()];
  }
}
