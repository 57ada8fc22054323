// Every job the worker knows, and every periodic schedule. Add a job: write jobs/<name>.ts exporting a handler,
// register it here, and (if periodic) add a schedule.
import { JobRegistry, type JobDeps } from './registry.js';
import type { Schedule } from './scheduler.js';
import { purgeSessionsJob } from './purge-sessions.js';
import { hotlinePollJob, hotlineReconcileJob, outboxFlushJob } from './hotline.js';
import { uploadImportJob } from './upload-import.js';
import { UPLOAD_IMPORT_JOB } from '../server/services/uploads/index.js';
import { slaTickJob } from './sla-tick.js';
import { metricsRefreshJob } from './metrics-refresh.js';
import { periodReportsJob, REPORTS_MAIL_JOB } from './period-reports.js';
import { watchdogJob } from './watchdog.js';
import { metricsExpireJob } from './metrics-expire.js';

/** The handlers, wired to `deps` (the composition root in the server; buildRoot() in tests too). */
export function buildJobRegistry(deps: JobDeps): JobRegistry {
  return new JobRegistry()
    .register('sessions.purge', purgeSessionsJob)
    .register('hotline.poll', hotlinePollJob(deps))
    .register('outbox.flush', outboxFlushJob(deps))
    .register('hotline.reconcile', hotlineReconcileJob(deps))
    .register(UPLOAD_IMPORT_JOB, uploadImportJob(deps))
    .register('sla.tick', slaTickJob(deps))
    .register('metrics.refresh', metricsRefreshJob)
    .register(REPORTS_MAIL_JOB, periodReportsJob(deps))
    .register('ops.watchdog', watchdogJob(deps))
    .register('ops.metrics.expire', metricsExpireJob);
}

export const SCHEDULES: Schedule[] = [
  { name: 'sessions.purge', everyMs: 60 * 60_000 },
  // no hotline.poll schedule: the HotlineWorker (server/index.ts, role worker) IDLEs on every inbox; the job stays
  // registered for a one-off catch-up pass.
  { name: 'outbox.flush', everyMs: 15_000 },
  { name: 'hotline.reconcile', everyMs: 6 * 60 * 60_000 },
  { name: 'sla.tick', everyMs: 60_000 },
  { name: 'metrics.refresh', everyMs: 60_000 },
  // hourly, so a report goes out within the hour after its period ends; the outbox keys make the reruns free
  { name: REPORTS_MAIL_JOB, everyMs: 60 * 60_000 },
  // alerts carry the period's slot in their key (services/ops/watchdog.ts), so a lasting condition alerts once per period
  { name: 'ops.watchdog', everyMs: 5 * 60_000 },
  // folds the metrics rows of processes gone for 15 minutes into '(retired)' (services/ops/process-metrics.ts)
  { name: 'ops.metrics.expire', everyMs: 5 * 60_000 },
];
