// The long-running hotline worker (`npm start`, role worker). Every DISCOVER_MS it claims the inboxes whose
// lease is free (conditional UPDATE: one owner across processes and machines), and runs one loop per owned
// inbox: connect → catch up → IDLE, a full resync every SESSION_MS, reconnect with reconnect-backoff after a
// failure (the attempt count resets only after a connection stayed up). While the loop runs, a timer renews
// the lease every third of its length; losing it (another worker took over after a stall) ends the loop, and
// the cursor UPDATE inside each message's transaction is fenced by the owner anyway. stop() ends every loop
// between messages and releases the leases, so a rolling restart hands inboxes over at once.
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/index.js';
import type { HotlineInboxAttrs } from '../../db/models/hotline.js';
import type { Logger } from '../../logger.js';
import { nextReconnectAttempt, reconnectDelayMs, RECONNECT_BASE_MS, RECONNECT_MAX_MS, STABLE_CONNECTION_MS } from '../../mail/reconnect-backoff.js';
import type { IngestContext } from './ingest-context.js';
import { recordInboxFailure, recordInboxSuccess } from './inbox-store.js';
import { activeInbox, runInboxSession } from './inbox-session.js';
import { LeaseLostError } from './ingest-message.js';
import { claimInboxLease, inboxesWithFreeLease, INBOX_LEASE_MS, releaseInboxLease } from './poll-inbox.js';

export const DISCOVER_MS = 15_000;
/** A fresh SELECT this often re-reads UIDVALIDITY and recovers from a server that stopped sending EXISTS. */
export const SESSION_MS = 15 * 60_000;
export const MAX_INBOXES_PER_WORKER = 200;

export interface HotlineWorkerOptions {
  secretKey: string;
  /** the ingestion context, re-read at each connect (own addresses and admins change) */
  context(): Promise<IngestContext>;
  log?: Logger;
  owner?: string;
  leaseMs?: number;
  discoverMs?: number;
  sessionMs?: number;
  /** caps the per-inbox poll interval as the IDLE timeout (tests) */
  maxIdleMs?: number;
  backoff?: { baseMs: number; maxMs: number; stableMs: number };
  maxInboxes?: number;
  /** each completed catch-up pass of an inbox, by agency code, and its seconds (the composition root feeds the
   *  poll-duration histogram of services/ops with it) */
  onPass?(agency: string, seconds: number): void;
}

const sleep = (ms: number, signal: AbortSignal) => new Promise<void>((resolve) => {
  if (signal.aborted) return resolve();
  const t = setTimeout(done, ms);
  function done() { clearTimeout(t); signal.removeEventListener('abort', done); resolve(); }
  signal.addEventListener('abort', done, { once: true });
});

/** What, if changed by an admin, needs a new connection. */
const settingsOf = (i: HotlineInboxAttrs) => JSON.stringify([i.imap_host, i.imap_port, i.imap_secure, i.imap_user, i.imap_folder, i.password_enc, i.poll_interval_s, i.active]);

export class HotlineWorker {
  readonly owner: string;
  private readonly runs = new Map<number, { stop: AbortController; done: Promise<void> }>();
  private readonly stopping = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private discovering: Promise<void> | undefined;

  constructor(private readonly db: Db, private readonly opts: HotlineWorkerOptions) {
    this.owner = opts.owner ?? `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  }

  private get leaseMs() { return this.opts.leaseMs ?? INBOX_LEASE_MS; }

  start(): void {
    const tick = () => { this.discovering ??= this.discover().finally(() => { this.discovering = undefined; }); };
    tick();
    // A dead worker's inboxes wait out its lease, then at most half a lease more (or DISCOVER_MS) to be found.
    this.timer = setInterval(tick, this.opts.discoverMs ?? Math.min(DISCOVER_MS, Math.floor(this.leaseMs / 2)));
  }

  /** Inbox ids this worker runs now. */
  owned(): number[] {
    return [...this.runs.keys()];
  }

  /** Claims every free inbox up to the cap and starts its loop; new inboxes are picked up here too. */
  async discover(): Promise<void> {
    try {
      for (const id of await inboxesWithFreeLease(this.db)) {
        if (this.stopping.signal.aborted || this.runs.size >= (this.opts.maxInboxes ?? MAX_INBOXES_PER_WORKER)) return;
        if (this.runs.has(id) || !(await claimInboxLease(this.db, id, this.owner, this.leaseMs))) continue;
        const stop = new AbortController();
        const done = this.runInbox(id, stop).finally(() => this.runs.delete(id));
        this.runs.set(id, { stop, done });
      }
    } catch (e) {
      this.opts.log?.error({ event: 'hotline.discover.failed', err: String(e) });
    }
  }

  /** Ends every loop between two messages, releases the leases, and resolves. */
  async stop(): Promise<void> {
    this.stopping.abort();
    clearInterval(this.timer);
    await this.discovering;
    for (const run of this.runs.values()) run.stop.abort();
    await Promise.all([...this.runs.values()].map((r) => r.done));
  }

  private async runInbox(id: number, stop: AbortController): Promise<void> {
    const { db, log } = { db: this.db, log: this.opts.log };
    const backoff = this.opts.backoff ?? { baseMs: RECONNECT_BASE_MS, maxMs: RECONNECT_MAX_MS, stableMs: STABLE_CONNECTION_MS };
    let session = new AbortController();
    let settings = '';
    // Renewal also notices an admin's new settings (reconnect with them) and a deactivated inbox (stop).
    const renewal = setInterval(() => {
      void (async () => {
        if (!(await claimInboxLease(db, id, this.owner, this.leaseMs))) return stop.abort();
        const row = await db.models.HotlineInbox.findByPk(id);
        if (row && settingsOf(row.get({ plain: true }) as HotlineInboxAttrs) !== settings) session.abort();
      })().catch((e) => log?.warn({ event: 'hotline.lease.renew_failed', inbox: id, err: String(e) }));
    }, Math.floor(this.leaseMs / 3));
    const onStop = () => session.abort();
    stop.signal.addEventListener('abort', onStop);
    let attempt = 0;
    try {
      while (!stop.signal.aborted) {
        const found = await activeInbox(db, id);
        if (!found) return;
        const { inbox, agency } = found;
        const ctx = await this.opts.context();
        settings = settingsOf(inbox);
        session = new AbortController();
        if (stop.signal.aborted) return;
        let connectedAt: number | null = null;
        try {
          await runInboxSession(db, ctx, inbox, agency, {
            secretKey: this.opts.secretKey, owner: this.owner, leaseMs: this.leaseMs, signal: session.signal,
            idleMs: Math.min(inbox.poll_interval_s * 1000, this.opts.maxIdleMs ?? Infinity), sessionMs: this.opts.sessionMs ?? SESSION_MS,
            onConnected: () => { connectedAt = Date.now(); },
            onCaughtUp: async (counts, seconds) => {
              this.opts.onPass?.(agency.code, seconds);
              await recordInboxSuccess(db, id, new Date());
              if (counts.fetched) log?.info({ event: 'hotline.ingest.done', inbox: id, ...counts });
            },
          });
          attempt = 0;
        } catch (e) {
          if (e instanceof LeaseLostError || stop.signal.aborted) return;
          await recordInboxFailure(db, id, e, { to: ctx.alertTo, from: ctx.mailFrom }, new Date());
          attempt = nextReconnectAttempt(attempt, connectedAt === null ? 0 : Date.now() - connectedAt, backoff.stableMs);
          const delayMs = reconnectDelayMs(attempt, backoff.baseMs, backoff.maxMs);
          log?.warn({ event: 'imap.poll.failed', inbox: id, attempt, retryInMs: delayMs, err: e instanceof Error ? e.message : String(e) });
          await sleep(delayMs, stop.signal);
        }
      }
    } catch (e) {
      log?.error({ event: 'hotline.worker.failed', inbox: id, err: String(e) });
    } finally {
      clearInterval(renewal);
      stop.signal.removeEventListener('abort', onStop);
      await releaseInboxLease(db, id, this.owner).catch(() => undefined);
    }
  }
}
