// The main job: `npm start`. Runs the web app, the job runner and the scheduler in one process (the roles in
// GOVMAIL_ROLES can split them across processes). Migrates and seeds the demo province on first start.
import type { Server } from 'node:http';
import { env, ConfigError } from './config/env.js';
import { buildRoot } from './composition.js';
import { migrateUp } from './db/migrate.js';
import { createApp } from './web/app.js';
import { listen, ListenError } from './web/listen.js';
import { seedDemoIfEmpty } from './services/org/index.js';
import { JobRunner } from '../jobs/runner.js';
import { Scheduler } from '../jobs/scheduler.js';
import { SCHEDULES } from '../jobs/index.js';
import { HotlineWorker } from './services/ingestion/index.js';

async function main(): Promise<void> {
  let config;
  try {
    config = env();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`govmail cannot start.\n${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const root = buildRoot(config);
  const { log } = root;
  if (config.SECRET_KEY_IS_DEV_DEFAULT) log.warn({ event: 'config.dev_secret' }, 'SECRET_KEY is not set: using a development key. Set it before real use.');
  const db = root.db();
  const applied = await migrateUp(db.sequelize, { secretKey: config.SECRET_KEY });
  if (applied.length) log.info({ event: 'db.migrated', applied });
  if (config.SEED_DEMO) {
    const seed = await seedDemoIfEmpty(db);
    if (seed.adminPassword) {
      // Printed once, on purpose, to the terminal that started the server; never logged through pino.
      process.stdout.write(`\n  Demo province seeded. Log in as "admin" with the one-time password: ${seed.adminPassword}\n  (you will be asked to change it)\n\n`);
    }
  }

  const roles = new Set(config.GOVMAIL_ROLES.split(',').map((r) => r.trim()));
  let server: Server | undefined;
  let runner: JobRunner | undefined;
  let scheduler: Scheduler | undefined;
  let hotline: HotlineWorker | undefined;
  if (roles.has('web')) {
    const app = createApp({ db, log, sessionKicker: root.sessionKicker, secretKey: config.SECRET_KEY,
      baseUrl: config.BASE_URL, ingestContext: root.ingestContext, secureCookies: config.SECURE_COOKIES, trustProxy: config.TRUST_PROXY,
      face: { provinceName: config.PROVINCE_NAME, emblemFile: config.PROVINCE_EMBLEM },
      ops: { metricsToken: config.METRICS_TOKEN, metricsAllow: config.METRICS_ALLOW, inboxStaleMs: config.INBOX_STALE_MINUTES * 60_000 },
      sessionLifetime: { idleMinutes: config.SESSION_IDLE_MINUTES, maxHours: config.SESSION_MAX_HOURS } });
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
    runner = new JobRunner(db, await root.jobs(), log);
    runner.start();
    // One IDLE loop per hotline inbox this process can lease; the others' inboxes stay theirs.
    hotline = new HotlineWorker(db, { secretKey: config.SECRET_KEY, log, context: root.ingestContext });
    hotline.start();
  }
  if (roles.has('scheduler')) {
    scheduler = new Scheduler(db, SCHEDULES, log);
    scheduler.start();
  }

  const shutdown = async (signal: string) => {
    log.info({ event: 'shutdown', signal });
    scheduler?.stop();
    server?.close();
    await Promise.all([runner?.stop(), hotline?.stop()]);
    await root.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((e) => {
  process.stderr.write(`govmail failed to start: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
