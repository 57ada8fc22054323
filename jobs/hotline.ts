import type { JobDeps, JobHandler } from './registry.js';
import { pollAllInboxes, purgeLeaseHistory, reconcileInboxes } from '../server/services/ingestion/index.js';
import { enqueueAlert, flushOutbox } from '../server/services/outbox/index.js';
import { reconcileGapsAlert } from '../server/services/ops/index.js';

/** Every inbox whose lease is free, once; inbox leases (not this job's) keep one owner per inbox. */
export const hotlinePollJob = (deps: JobDeps): JobHandler => async (_payload, { db, log }) => {
  const counts = await pollAllInboxes(db, await deps.ingestContext(), { secretKey: deps.config.SECRET_KEY });
  if (counts.fetched) log.info({ event: 'hotline.poll.done', ...counts });
};

export const outboxFlushJob = (deps: JobDeps): JobHandler => async (_payload, { db, log }) => {
  const ctx = await deps.ingestContext();
  const r = await flushOutbox(db, await deps.transport(), { alertTo: ctx.alertTo, alertFrom: ctx.mailFrom });
  if (r.sent || r.failed || r.deferred) log.info({ event: 'outbox.flush.done', ...r });
};

const DAY_MS = 86_400_000;

/** Gaps mean lost mail: alert once per inbox and day. First, the lease history past its retention goes; a purge
 *  that fails is logged and the lost-mail check runs all the same (the purge is housekeeping, the check is not). */
export const hotlineReconcileJob = (deps: JobDeps): JobHandler => async (_payload, { db, log }) => {
  try {
    const purged = await purgeLeaseHistory(db, new Date(deps.now().getTime() - deps.config.LEASE_HISTORY_RETENTION_DAYS * DAY_MS));
    if (purged) log.info({ event: 'hotline.lease_history.purged', rows: purged });
  } catch (err) {
    log.error({ event: 'hotline.lease_history.purge_failed', err: (err as Error).message });
  }
  const ctx = await deps.ingestContext();
  for (const r of await reconcileInboxes(db, deps.config.SECRET_KEY)) {
    if (!r.gaps.length) continue;
    log.warn({ event: 'hotline.reconcile.gaps', agency: r.agency, gaps: r.gaps.length });
    const alert = reconcileGapsAlert(r.agency, r.gaps);
    await enqueueAlert(db, `reconcile:${r.agency}:${deps.now().toISOString().slice(0, 10)}`, ctx.alertTo, ctx.mailFrom, alert.subject, alert.text);
  }
};
