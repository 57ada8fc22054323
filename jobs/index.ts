// Every job the worker knows, and every periodic schedule. Add a job: write jobs/<name>.ts exporting a handler,
// register it here, and (if periodic) add a schedule.
import { JobRegistry } from './registry.js';
import type { Schedule } from './scheduler.js';
import { purgeSessionsJob } from './purge-sessions.js';
import { hotlinePollJob, hotlineReconcileJob, outboxFlushJob } from './hotline.js';

export function buildJobRegistry(): JobRegistry {
  return new JobRegistry()
    .register('sessions.purge', purgeSessionsJob)
    .register('hotline.poll', hotlinePollJob)
    .register('outbox.flush', outboxFlushJob)
    .register('hotline.reconcile', hotlineReconcileJob);
}

export const SCHEDULES: Schedule[] = [
  { name: 'sessions.purge', everyMs: 60 * 60_000 },
  { name: 'hotline.poll', everyMs: 30_000 },
  { name: 'outbox.flush', everyMs: 15_000 },
  { name: 'hotline.reconcile', everyMs: 6 * 60 * 60_000 },
];
