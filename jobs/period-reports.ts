// Hourly: mails the reports of the month, quarter and half-year that just ended to each scope's leaders
// (services/reports/schedule.ts). Each mail is an outbox row under a unique key per (period, scope, recipient),
// so the hourly reruns, a crash halfway or a second scheduler send nothing twice.
import type { JobDeps, JobHandler } from './registry.js';
import { enqueuePeriodReports } from '../server/services/reports/index.js';

export const REPORTS_MAIL_JOB = 'reports.mail';

export const periodReportsJob = (deps: JobDeps): JobHandler => async (_payload, { db, log }) => {
  const r = await enqueuePeriodReports(db, { now: new Date(), from: deps.config.MAIL_FROM });
  if (r.enqueued) log.info({ event: 'reports.mail.enqueued', reports: r.reports, mails: r.enqueued }, 'period reports queued');
};
