// The composition root: what `npm start` (web, worker, scheduler), the job handlers and the `govmail` CLI share,
// built here once from the validated config instead of by hand in each of them. Parts that cost something to
// open (the database pool, the SMTP transport, the job handlers and the services behind them) are made on first
// use, and their modules are imported then, so a CLI command pays only for what it touches.
import type { Env } from './config/env.js';
import { createLogger, type Logger } from './logger.js';
import { openDb, type Db } from './db/index.js';
import type { MailTransport } from './mail/transport.js';
import type { IngestContext } from './services/ingestion/index.js';
import { sessionKickerFrom, type SessionKicker } from './services/mailserver/index.js';
import type { JobRegistry } from '../jobs/registry.js';

export interface Root {
  readonly config: Env;
  readonly log: Logger;
  /** Ends open IMAP/POP3 sessions after a suspend or a leaver (DOVEADM_KICK); null when unset. */
  readonly sessionKicker: SessionKicker | null;
  /** The database, opened on first call. */
  db(): Db;
  /** The SMTP transport to SMTP_URL (signing with DKIM when configured), made on first call. */
  transport(): Promise<MailTransport>;
  /**
   * What ingestion, receipts, replies and alerts need: our secret, own addresses and the admins to alert. Read
   * afresh at each call, because hotline inboxes and admins change while the process runs.
   */
  ingestContext(): Promise<IngestContext>;
  /** Every job handler, wired to this root; made on first call. */
  jobs(): Promise<JobRegistry>;
  /** The clock jobs read "now" from where a period depends on it (the watchdog's alert slots); tests inject one. */
  now(): Date;
  /** Closes what was opened here (a database handed in by the caller stays open). */
  close(): Promise<void>;
}

export interface RootOptions {
  /** an already open database (tests); the root then leaves closing it to the caller */
  db?: Db;
  log?: Logger;
  /** the clock (tests); default the system's */
  now?: () => Date;
}

export function buildRoot(config: Env, opts: RootOptions = {}): Root {
  let db: Db | undefined = opts.db;
  let transport: Promise<MailTransport> | undefined;
  let jobs: Promise<JobRegistry> | undefined;
  let log = opts.log;
  const root: Root = {
    config,
    // On first use: the CLI prints its own output and never makes a logger.
    get log() {
      log ??= createLogger(config.LOG_LEVEL);
      return log;
    },
    sessionKicker: sessionKickerFrom(config.DOVEADM_KICK),
    db() {
      db ??= openDb(config.DATABASE_URL);
      return db;
    },
    transport() {
      // A plain (unpooled) nodemailer transport opens a connection per message, so one serves every sender.
      transport ??= import('./mail/transport.js').then((m) => m.createMailTransport(config.SMTP_URL, { dkim: config.DKIM ?? undefined }));
      return transport;
    },
    async ingestContext() {
      const { ingestContextFor } = await import('./services/ingestion/index.js');
      return ingestContextFor(root.db(), config);
    },
    now: opts.now ?? (() => new Date()),
    jobs() {
      jobs ??= import('../jobs/index.js').then((m) => m.buildJobRegistry(root));
      return jobs;
    },
    async close() {
      if (transport) (await transport).close();
      if (db && db !== opts.db) await db.close();
    },
  };
  return root;
}
