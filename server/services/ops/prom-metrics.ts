// The Prometheus registry behind /metrics/prom (the only importer of prom-client). Three kinds of figures:
// - shared state (inbox health and owners, outbox depth, job lag, SLA breaches, inbound mail by class) is read
//   from the database when scraped, in collect(), because the worker that changes it may be another process or
//   machine than the web process being scraped; one scrape makes one read (`snapshot`), shared by every gauge;
// - counters and histograms that processes count as they work (HTTP latency by route, the hotline inboxes' poll
//   passes) are kept in memory by each process, written to process_metrics by each (process-metrics.ts, every
//   METRICS_PUBLISH_SECONDS and before a scrape) and added up over every process at the scrape, counters series
//   by series and histograms bucket by bucket: a scrape of any web process shows the whole deployment's;
// - the default process metrics (memory, event loop, CPU) describe the process that answers the scrape only.
import { AggregatorRegistry, Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from '../../db/index.js';
import type { Logger } from '../../logger.js';
import { inboundByClass, inboxHealth, jobLag, openBreaches, outboxDepth, OUTBOX_OPEN_STATES } from './ops-state.js';
import type { MetricJson } from './metric-samples.js';
import { sumMetrics } from './metric-samples.js';
import { expireProcessMetrics, MetricsPublisher, readProcessMetrics } from './process-metrics.js';

type Snapshot = {
  inbound: Map<string, number>;
  inboxes: Awaited<ReturnType<typeof inboxHealth>>;
  depth: Awaited<ReturnType<typeof outboxDepth>>;
  lag: Awaited<ReturnType<typeof jobLag>>;
  breaches: number;
  now: Date;
};

const HTTP_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const POLL_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** The bucket bounds of this release's histograms, by name: rows of another release are put on them. */
const BOUNDS: ReadonlyMap<string, readonly number[]> = new Map([
  ['govmail_http_request_duration_seconds', HTTP_BUCKETS], ['govmail_inbox_poll_duration_seconds', POLL_BUCKETS]]);

let processRegistry: Registry | undefined;
let counted: { registry: Registry; http: Histogram<'method' | 'route' | 'status'>; poll: Histogram<'agency'> } | undefined;

/** The default process metrics of this process, made once per process. */
function ownProcess(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** What this process counts (HTTP latency, poll passes), made once per process; written to process_metrics. */
function perProcess() {
  if (!counted) {
    const registry = new Registry();
    const http = new Histogram({
      name: 'govmail_http_request_duration_seconds', help: 'HTTP request latency by method, route pattern and status class (every web process)',
      labelNames: ['method', 'route', 'status'] as const, buckets: HTTP_BUCKETS, registers: [registry],
    });
    const poll = new Histogram({
      name: 'govmail_inbox_poll_duration_seconds', help: 'Hotline inbox catch-up passes (search from the cursor, fetch, ingest) by agency code (every worker process)',
      labelNames: ['agency'] as const, buckets: POLL_BUCKETS, registers: [registry],
    });
    counted = { registry, http, poll };
  }
  return counted;
}

/** Records one HTTP request; `route` is the route pattern (`/tickets/:ref`), never the raw path. */
export function observeHttpRequest(method: string, route: string, status: number, seconds: number): void {
  perProcess().http.observe({ method, route, status: `${Math.floor(status / 100)}xx` }, seconds);
}

/** Records one catch-up pass of a hotline inbox (HotlineWorker onPass): how long polling takes, beside the gauge
 *  of how long ago it last succeeded. */
export function observePollDuration(agency: string, seconds: number): void {
  perProcess().poll.observe({ agency }, seconds);
}

const publishers = new WeakMap<Db, MetricsPublisher>();

/** This process's writer of its figures into `db` (one per database, however many apps a test builds on it). */
function publisherFor(db: Db): MetricsPublisher {
  let p = publishers.get(db);
  if (!p) {
    p = new MetricsPublisher(db, async () => (await perProcess().registry.getMetricsAsJSON()) as unknown as MetricJson[]);
    publishers.set(db, p);
  }
  return p;
}

/** Writes this process's figures now and every `everyMs` (server/roles.ts, every role); stop() writes them a last
 *  time, so a process stopped with SIGTERM loses nothing it counted. A failed write is logged and retried at the
 *  next tick: the figures are totals since start, so nothing is lost meanwhile. */
export function startMetricsPublishing(db: Db, opts: { everyMs: number; log: Logger }): { stop(): Promise<void> } {
  const publish = () => publisherFor(db).publish().catch((e: unknown) =>
    opts.log.warn({ event: 'ops.metrics.publish_failed', error: e instanceof Error ? e.message : String(e) }, 'could not write this process\'s metrics'));
  void publish();
  const timer = setInterval(() => void publish(), opts.everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await publish();
    },
  };
}

/** The ops.metrics.expire job: folds the rows of processes gone for PROCESS_METRICS_EXPIRE_MS into '(retired)'. */
export function expireProcessRows(db: Db, now: Date): Promise<number> {
  return expireProcessMetrics(db, now, BOUNDS);
}

/** Every process's counters and histograms added up (this process's written first, so the scrape shows them). */
async function deploymentRegistry(db: Db): Promise<Registry> {
  await publisherFor(db).publish();
  const rows = await readProcessMetrics(db, BOUNDS);
  const defs = (await perProcess().registry.getMetricsAsJSON()) as unknown as MetricJson[];
  // This release's name, help and type; metrics another release writes and this one does not know are left out.
  const sums: MetricJson[] = defs.map((d) => ({ name: d.name, help: d.help, type: d.type, aggregator: 'sum', values: sumMetrics(rows.get(d.name) ?? [])?.values ?? [] }));
  return AggregatorRegistry.aggregate(sums.map((m) => [m]) as never);
}

export interface OpsMetrics {
  /** the exposition text of one scrape */
  scrape(): Promise<{ contentType: string; body: string }>;
}

export function createOpsMetrics(db: Db, opts: { inboxStaleMs: number }): OpsMetrics {
  const registry = new Registry();
  let pending: Promise<Snapshot> | undefined;
  // Every gauge's collect() asks for the snapshot; the first one of a scrape reads, the others share its promise.
  const snapshot = () => {
    pending ??= (async () => {
      const now = new Date();
      const [inbound, inboxes, depth, lag, breaches] = await Promise.all([
        inboundByClass(db), inboxHealth(db, now, opts.inboxStaleMs), outboxDepth(db), jobLag(db, now), openBreaches(db),
      ]);
      return { inbound, inboxes, depth, lag, breaches, now };
    })();
    return pending;
  };
  const r = [registry];

  new Counter({ name: 'govmail_mail_ingested_total', help: 'Inbound mail stored, by classification', labelNames: ['classification'] as const, registers: r,
    async collect() {
      const s = await snapshot();
      this.reset();
      for (const [c, n] of s.inbound) this.inc({ classification: c }, n);
    } });
  new Counter({ name: 'govmail_mail_quarantined_total', help: 'Inbound mail held for review (quarantined)', registers: r,
    async collect() {
      const s = await snapshot();
      this.reset();
      this.inc(s.inbound.get('quarantined') ?? 0);
    } });
  const perInbox = (name: string, help: string, value: (i: Snapshot['inboxes'][number], s: Snapshot) => number) =>
    new Gauge({ name, help, labelNames: ['agency'] as const, registers: r,
      async collect() {
        const s = await snapshot();
        this.reset();
        for (const i of s.inboxes) this.set({ agency: i.agency }, value(i, s));
      } });
  perInbox('govmail_inbox_up', 'Active hotline inbox with a successful poll within INBOX_STALE_MINUTES (1) or stale (0)', (i) => (i.stale ? 0 : 1));
  perInbox('govmail_inbox_owned', 'Hotline inbox held by a live worker lease (1) or by nobody (0)', (i) => (i.owned ? 1 : 0));
  perInbox('govmail_inbox_consecutive_failures', 'Failed polls in a row', (i) => i.consecutiveFailures);
  perInbox('govmail_inbox_last_success_age_seconds', 'Seconds since the last successful poll (-1: never)',
    (i, s) => (i.lastOkAt ? (s.now.getTime() - i.lastOkAt.getTime()) / 1000 : -1));
  new Gauge({ name: 'govmail_inbox_lease_owner', help: 'The worker holding each hotline inbox (value 1; owner is host:pid)', labelNames: ['agency', 'owner'] as const, registers: r,
    async collect() {
      const s = await snapshot();
      this.reset();
      for (const i of s.inboxes) if (i.owned && i.owner) this.set({ agency: i.agency, owner: i.owner }, 1);
    } });
  new Gauge({ name: 'govmail_outbox_depth', help: 'Outbox mail not sent, by status (failed and unknown need a person)', labelNames: ['status'] as const, registers: r,
    async collect() {
      const s = await snapshot();
      for (const st of OUTBOX_OPEN_STATES) this.set({ status: st }, s.depth[st]);
    } });
  new Gauge({ name: 'govmail_outbox_failures', help: 'Outbox mail failed or of unknown outcome', registers: r,
    async collect() {
      const s = await snapshot();
      this.set(s.depth.failed + s.depth.unknown);
    } });
  new Gauge({ name: 'govmail_sla_breaches_open', help: 'Open cases escalated past their deadline', registers: r,
    async collect() { this.set((await snapshot()).breaches); } });
  new Gauge({ name: 'govmail_job_queue_due', help: 'Queued jobs due now', registers: r,
    async collect() { this.set((await snapshot()).lag.due); } });
  new Gauge({ name: 'govmail_job_queue_lag_seconds', help: 'How long the oldest due job has waited', registers: r,
    async collect() { this.set((await snapshot()).lag.oldestMs / 1000); } });

  return {
    async scrape() {
      pending = undefined;
      try {
        const merged = Registry.merge([ownProcess(), await deploymentRegistry(db), registry]);
        return { contentType: merged.contentType, body: await merged.metrics() };
      } finally {
        pending = undefined;
      }
    },
  };
}
