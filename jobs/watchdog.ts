import type { JobDeps, JobHandler } from './registry.js';
import { runWatchdog } from '../server/services/ops/index.js';

/** Every 5 minutes: alert once per period on unowned or stale inboxes, failed outbox mail, SLA notices that reached nobody. */
export const watchdogJob = (deps: JobDeps): JobHandler => async (_payload, { db, log }) => {
  const ctx = await deps.ingestContext();
  const conditions = await runWatchdog(db, { now: deps.now(), inboxStaleMs: deps.config.INBOX_STALE_MINUTES * 60_000, alertTo: ctx.alertTo, from: ctx.mailFrom });
  if (conditions.length) log.warn({ event: 'ops.watchdog.conditions', conditions });
};
