// The CPU half of ingesting a mail (parse with its caps, classify, sha256) on a worker thread. Two reasons:
// - The parse time cap becomes a hard one. parseMail's own timer fires only between 64 KiB slices, so a parser
//   stuck in synchronous code would stall the poller, and with it the mailbox, for good. Here a thread that
//   stays silent too long is terminated and that mail alone is quarantined ('timeout').
// - The poller's thread is left the database work: parsing a mail costs about as much as everything else the
//   ingestion does with it, and the two now run side by side (npm run bench -- ingest).
// Requests are posted as they come and answered in order, so the oldest unanswered one is always the one the
// thread is on: a timeout or a death is that mail's fault, and the others are posted again to a new thread.
// A thread that cannot even start fails every request with a plain Error, so a broken install stops the poll
// (inbox error state, admin alert) instead of quarantining every mail.
import { Worker } from 'node:worker_threads';
import { MAIL_PARSE_TIMEOUT_MS, MailParseError } from '../../mail/parse.js';
import type { PreparedData, PrepareReply, PrepareRequest } from './prepare-worker.js';
import type { ClassifyInput } from './prepared-message.js';

/** How long past parseMail's own timeout the thread may stay silent on one mail before it is terminated. */
const HARD_TIMEOUT_GRACE_MS = 5_000;
/** How long a new thread may take to load the parser before the install counts as broken. Loading is not
 *  parsing: on a busy machine it alone can outlast the per-mail limit, which must not quarantine mail. */
const START_LIMIT_MS = 60_000;

interface Job { raw: Buffer; input: ClassifyInput; resolve(data: PreparedData): void; reject(error: Error): void }

export interface PrepareThreadOptions {
  /** the worker entry; tests substitute misbehaving ones */
  entry?: URL;
  /** silence on one mail after which the thread is terminated */
  limitMs?: number;
  /** time a new thread may take to say it is ready */
  startLimitMs?: number;
}

export class PrepareThread {
  private worker: Worker | null = null;
  private ready = false;
  /** posted and not yet answered, oldest first */
  private inFlight: { id: number; job: Job }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private readonly entry: URL;
  private readonly limitMs: number;
  private readonly startLimitMs: number;

  constructor(opts: PrepareThreadOptions = {}) {
    this.entry = opts.entry ?? new URL('./prepare-worker-entry.mjs', import.meta.url);
    this.limitMs = opts.limitMs ?? MAIL_PARSE_TIMEOUT_MS + HARD_TIMEOUT_GRACE_MS;
    this.startLimitMs = opts.startLimitMs ?? START_LIMIT_MS;
  }

  prepare(raw: Buffer, input: ClassifyInput): Promise<PreparedData> {
    return new Promise((resolve, reject) => this.post({ raw, input, resolve, reject }));
  }

  async close(): Promise<void> {
    const worker = this.dropWorker();
    await worker?.terminate();
  }

  private post(job: Job): void {
    const worker = this.worker ?? this.startWorker();
    const id = this.nextId++;
    this.inFlight.push({ id, job });
    const raw = new Uint8Array(job.raw); // an exact copy: a Buffer may be a view of a much larger pooled ArrayBuffer
    worker.postMessage({ id, raw, ownAddresses: job.input.ownAddresses, ownDomain: job.input.ownDomain } satisfies PrepareRequest, [raw.buffer]);
    worker.ref();
    if (this.inFlight.length === 1) this.watchOldest();
  }

  private startWorker(): Worker {
    const worker = new Worker(this.entry);
    this.worker = worker;
    this.ready = false;
    worker.on('message', (reply: PrepareReply) => this.onReply(worker, reply));
    worker.on('error', (e) => this.onDeath(worker, e.message));
    worker.on('exit', (code) => this.onDeath(worker, `exit code ${code}`));
    return worker;
  }

  /** Restarts the clock: the start window until the thread is ready, then the per-mail limit for the oldest
   *  request. Idle, the thread must not keep a finished process alive. */
  private watchOldest(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.inFlight.length) {
      this.worker?.unref();
      return;
    }
    if (!this.ready) {
      this.timer = setTimeout(() => this.failAll(`did not start within ${this.startLimitMs} ms`), this.startLimitMs);
      return;
    }
    this.timer = setTimeout(() => {
      this.failOldest(new MailParseError('timeout', `parsing took longer than ${this.limitMs} ms; the parser thread was stopped`));
    }, this.limitMs);
  }

  private onReply(worker: Worker, reply: PrepareReply): void {
    if (worker !== this.worker) return;
    if ('ready' in reply) {
      this.ready = true;
      this.watchOldest(); // the oldest mail's clock starts now, not while the parser was loading
      return;
    }
    const oldest = this.inFlight[0];
    if (oldest?.id !== reply.id) return; // cannot happen: answers come in order
    this.inFlight.shift();
    const { id: _id, ...data } = reply;
    oldest.job.resolve(data);
    this.watchOldest();
  }

  private onDeath(worker: Worker, why: string): void {
    if (worker !== this.worker) return; // terminated on purpose, or already handled ('error' comes before 'exit')
    if (!this.ready) this.failAll(why);
    else this.failOldest(new MailParseError('unparseable', `the parser thread died on this message: ${why}`));
  }

  private failAll(why: string): void {
    const jobs = this.inFlight;
    this.inFlight = [];
    void this.dropWorker()?.terminate();
    for (const { job } of jobs) job.reject(new Error(`the mail parser thread could not start (${why}): check that the install is complete (npm ci)`));
  }

  /** The oldest request is the one the thread was on: it fails, and the rest go to a new thread. */
  private failOldest(error: Error): void {
    const [oldest, ...rest] = this.inFlight;
    this.inFlight = [];
    void this.dropWorker()?.terminate();
    oldest?.job.reject(error);
    for (const { job } of rest) this.post(job);
  }

  private dropWorker(): Worker | null {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const worker = this.worker;
    this.worker = null;
    this.ready = false;
    return worker;
  }
}

/** The process's one prepare thread, started on first use. */
export const prepareThread = new PrepareThread();
