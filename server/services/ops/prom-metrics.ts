// The Prometheus registry behind /metrics/prom (the only importer of prom-client). Two kinds of figures:
// - shared state (inbox health and owners, outbox depth, job lag, SLA breaches, inbound mail by class) is read
//   from the database when scraped, in collect(), because the worker that changes it may be another process or
//   machine than the web process being scraped; one scrape makes one read (`snapshot`), shared by every gauge;
// - per-process figures (HTTP latency by route pattern, the process's memory and event loop) live in memory, one
//   registry per process, and each web process is scraped as its own target.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from '../../db/index.js';
import { inboundByClass, inboxHealth, jobLag, openBreaches, outboxDepth, OUTBOX_OPEN_STATES } from './ops-state.js';

type Snapshot = {
  inbound: Map<string, number>;
  inboxes: Awaited<ReturnType<typeof inboxHealth>>;
  depth: Awaited<ReturnType<typeof outboxDepth>>;
  lag: Awaited<ReturnType<typeof jobLag>>;
  breaches: number;
  now: Date;
};

let processRegistry: { registry: Registry; http: Histogram<'method' | 'route' | 'status'>; poll: Histogram<'agency'> } | undefined;

/** This process's registry: default process metrics and the HTTP latency histogram, made once per process. */
function perProcess() {
  if (!processRegistry) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const http = new Histogram({
      name: 'govmail_http_request_duration_seconds', help: 'HTTP request latency by method, route pattern and status class (this process)',
      labelNames: ['method', 'route', 'status'] as const, buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
    });
    const poll = new Histogram({
      name: 'govmail_inbox_poll_duration_seconds', help: 'Hotline inbox catch-up passes (search from the cursor, fetch, ingest) by agency code (this process\'s worker)',
      labelNames: ['agency'] as const, buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60], registers: [registry],
    });
    processRegistry = { registry, http, poll };
  }
  return processRegistry;
}

/** Records one HTTP request; `route` is the route pattern (`/tickets/:ref`), never the raw path. */
export function observeHttpRequest(method: string, route: string, status: number, seconds: number): void {
  perProcess().http.observe({ method, route, status: `${Math.floor(status / 100)}xx` }, seconds);
}

/** Records one catch-up pass of a hotline inbox (HotlineWorker onPass): how long polling takes, beside the gauge
 *  of how long ago it last succeeded. Per process, like the HTTP histogram: a worker role's figures show at the
 *  /metrics/prom of a process that also runs the web (npm start). */
export function observePollDuration(agency: string, seconds: number): void {
  perProcess().poll.observe({ agency }, seconds);
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
        const merged = Registry.merge([perProcess().registry, registry]);
        return { contentType: merged.contentType, body: await merged.metrics() };
      } finally {
        pending = undefined;
      }
    },
  };
}
