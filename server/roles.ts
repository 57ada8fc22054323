// The three roles a govmail process can take: `web` (the HTTP app), `worker` (the job runner and the hotline
// inboxes' IDLE loops) and `scheduler` (enqueues the periodic ticks). `npm start` runs the roles in GOVMAIL_ROLES
// (all three by default) in one process; `govmail web|worker|scheduler` runs one. Any number of each may run at
// once, on any number of machines: the database keeps one owner of each inbox (inbox leases,
// services/ingestion/poll-inbox.ts) and of each job (job claims, services/queue), and scheduled ticks carry a
// unique key per slot (jobs/scheduler.ts). There is no other coordination between processes.
// WEB_PROCESSES > 1 forks the web role into that many processes sharing PORT (web-cluster.ts); the process started
// supervises them and runs the other roles itself.
import type { Server } from 'node:http';
import type { Env } from './config/env.js';
import { buildRoot } from './composition.js';
import { migrateUp } from './db/migrate.js';
import { createApp } from './web/app.js';
import { listen, ListenError } from './web/listen.js';
import { seedDemoIfEmpty } from './services/org/index.js';
import { JobRunner } from '../jobs/runner.js';
import { Scheduler } from '../jobs/scheduler.js';
import { SCHEDULES } from '../jobs/index.js';
import { HotlineWorker } from './services/ingestion/index.js';
import { observePollDuration, startMetricsPublishing } from './services/ops/index.js';
import { isWebChild, startWebCluster, WebClusterStartError, type WebCluster } from './web-cluster.js';

export const PROCESS_ROLES = ['web', 'worker', 'scheduler'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

/** GOVMAIL_ROLES (`web,worker`) as a set; env.ts has already refused unknown names. */
export function rolesFrom(list: string): Set<ProcessRole> {
  return new Set(list.split(',').map((r) => r.trim() as ProcessRole));
}

/**
 * Starts the given roles and resolves once SIGTERM or SIGINT has stopped them all: the web stops accepting, the
 * scheduler stops enqueuing, the runner lets its jobs finish and the hotline worker releases its leases, so a
 * rolling restart hands every inbox over at once. Exits the process (1) when the web cannot listen.
 */
export async function runRoles(config: Env, asked: Set<ProcessRole>): Promise<void> {
  // A forked web process runs the web role alone; its supervisor has migrated, seeded and warned already.
  const child = isWebChild();
  const roles: Set<ProcessRole> = child ? new Set(['web']) : asked;
  const forkWeb = !child && roles.has('web') && config.WEB_PROCESSES > 1;
  const root = buildRoot(config);
  const { log } = root;
  if (config.SECRET_KEY_IS_DEV_DEFAULT && !child) log.warn({ event: 'config.dev_secret' }, 'SECRET_KEY is not set: using a development key. Set it before real use.');
  const db = root.db();
  // Every process migrates at start, under the migration lock (db/migrate.ts): the first applies, the rest wait.
  const applied = child ? [] : await migrateUp(db.sequelize, { secretKey: config.SECRET_KEY });
  if (applied.length) log.info({ event: 'db.migrated', applied });
  if (config.SEED_DEMO && !child) {
    const seed = await seedDemoIfEmpty(db);
    if (seed.adminPassword) {
      // Printed once, on purpose, to the terminal that started the server; never logged through pino.
      process.stdout.write(`\n  Demo province seeded. Log in as "admin" with the one-time password: ${seed.adminPassword}\n  (you will be asked to change it)\n\n`);
    }
  }

  // Every role writes what it counts (HTTP latency, poll passes) to the database, where any web's scrape adds
  // up every process's: a worker or scheduler has no scrape endpoint of its own.
  // A supervisor of web processes that runs no other role counts nothing: its web processes publish their own.
  const counts = !forkWeb || roles.has('worker') || roles.has('scheduler');
  const publishing = counts ? startMetricsPublishing(db, { everyMs: config.METRICS_PUBLISH_SECONDS * 1000, log }) : undefined;
  let server: Server | undefined;
  let webCluster: WebCluster | undefined;
  let runner: JobRunner | undefined;
  let scheduler: Scheduler | undefined;
  let hotline: HotlineWorker | undefined;
  if (forkWeb) {
    // Before the worker and the scheduler start, as below; the web processes listen on the port this one shares.
    webCluster = await startWebCluster(config.WEB_PROCESSES, log).catch(async (e: unknown) => {
      if (!(e instanceof WebClusterStartError)) throw e;
      process.stderr.write(`govmail cannot start: ${e.message}\n`);
      await root.close();
      process.exit(1);
    });
    log.info({ event: 'web.listening', port: config.PORT, url: config.BASE_URL, processes: config.WEB_PROCESSES });
  } else if (roles.has('web')) {
    const app = createApp({ db, log, sessionKicker: root.sessionKicker, secretKey: config.SECRET_KEY,
      baseUrl: config.BASE_URL, ingestContext: root.ingestContext, secureCookies: config.SECURE_COOKIES, trustProxy: config.TRUST_PROXY,
      face: { provinceName: config.PROVINCE_NAME, emblemFile: config.PROVINCE_EMBLEM },
      ops: { metricsToken: config.METRICS_TOKEN, metricsAllow: config.METRICS_ALLOW, inboxStaleMs: config.INBOX_STALE_MINUTES * 60_000 },
      sessionLifetime: { idleMinutes: config.SESSION_IDLE_MINUTES, maxHours: config.SESSION_MAX_HOURS },
      replyAttachmentMaxBytes: config.REPLY_ATTACHMENT_MAX_MB * 1024 * 1024 });
    // Before the worker and the scheduler start: a process that cannot serve must not run jobs half-configured.
    server = await listen(app, config.PORT).catch(async (e: unknown) => {
      if (!(e instanceof ListenError)) throw e;
      process.stderr.write(`govmail cannot start: ${e.message}\n`);
      await root.close();
      process.exit(1);
    });
    log.info({ event: 'web.listening', port: config.PORT, url: config.BASE_URL });
  }
  if (roles.has('worker')) {
    runner = new JobRunner(db, await root.jobs(), log, { leaseMs: config.JOB_LEASE_SECONDS * 1000 });
    runner.start();
    // One IDLE loop per hotline inbox this process can lease; the others' inboxes stay theirs.
    hotline = new HotlineWorker(db, { secretKey: config.SECRET_KEY, log, context: root.ingestContext, leaseMs: config.INBOX_LEASE_SECONDS * 1000,
      onPass: observePollDuration });
    hotline.start();
  }
  if (roles.has('scheduler')) {
    scheduler = new Scheduler(db, SCHEDULES, log);
    scheduler.start();
  }
  // A stable line tests and operators can wait for: every role asked for is running (a supervisor says it once
  // all its web processes listen, naming them; a web process has its own line).
  log.info({ event: child ? 'web.process_started' : 'roles.started', roles: [...roles], pid: process.pid,
    ...(hotline ? { owner: hotline.owner } : {}), ...(webCluster ? { webProcesses: webCluster.pids() } : {}) });

  const signal = await stopSignal(child);
  log.info({ event: 'shutdown', signal });
  scheduler?.stop();
  const closed = server ? closeServer(server) : Promise.resolve();
  await Promise.all([runner?.stop(), hotline?.stop(), closed, webCluster?.stop()]);
  // After the roles stopped: the last passes and requests are in the figures written.
  await publishing?.stop();
  await root.close();
  log.info({ event: 'shutdown.done', signal });
}

/** The first SIGTERM or SIGINT; a second one kills as usual. A web process waits for SIGTERM only and ignores
 *  repeats: its supervisor sends it one on its own stop, and a Ctrl-C or a service manager signalling the whole
 *  group must not cut the graceful stop short. */
function stopSignal(child: boolean): Promise<string> {
  return new Promise<string>((resolve) => {
    if (child) {
      process.on('SIGTERM', () => resolve('SIGTERM'));
      process.on('SIGINT', () => undefined);
      return;
    }
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
}

const CLOSE_GRACE_MS = 10_000;

/** Stops accepting and lets requests in flight finish; after CLOSE_GRACE_MS the rest are cut. */
function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    const cut = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
    server.close(() => {
      clearTimeout(cut);
      resolve();
    });
    // Idle keep-alive connections would otherwise hold close() open until they time out.
    server.closeIdleConnections();
  });
}
