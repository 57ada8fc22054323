import type { JobHandler } from './registry.js';
import { env } from '../server/config/env.js';
import { createMailTransport } from '../server/mail/transport.js';
import { ingestContextFor, pollAllInboxes, reconcileInboxes } from '../server/services/ingestion/index.js';
import { enqueueAlert, flushOutbox } from '../server/services/outbox/index.js';

/** Every inbox whose lease is free, once; inbox leases (not this job's) keep one owner per inbox. */
export const hotlinePollJob: JobHandler = async (_payload, { db, log }) => {
  const counts = await pollAllInboxes(db, await ingestContextFor(db, env()), { secretKey: env().SECRET_KEY });
  if (counts.fetched) log.info({ event: 'hotline.poll.done', ...counts });
};

export const outboxFlushJob: JobHandler = async (_payload, { db, log }) => {
  const ctx = await ingestContextFor(db, env());
  const transport = createMailTransport(env().SMTP_URL, { dkim: env().DKIM ?? undefined });
  try {
    const r = await flushOutbox(db, transport, { alertTo: ctx.alertTo, alertFrom: ctx.mailFrom });
    if (r.sent || r.failed || r.deferred) log.info({ event: 'outbox.flush.done', ...r });
  } finally {
    transport.close();
  }
};

/** Gaps mean lost mail: alert once per inbox and day. */
export const hotlineReconcileJob: JobHandler = async (_payload, { db, log }) => {
  const ctx = await ingestContextFor(db, env());
  for (const r of await reconcileInboxes(db, env().SECRET_KEY)) {
    if (!r.gaps.length) continue;
    log.warn({ event: 'hotline.reconcile.gaps', agency: r.agency, gaps: r.gaps.length });
    await enqueueAlert(db, `reconcile:${r.agency}:${new Date().toISOString().slice(0, 10)}`, ctx.alertTo, ctx.mailFrom,
      `[govmail] ${r.gaps.length} hotline mails of ${r.agency} were not ingested`, `UIDs: ${r.gaps.slice(0, 200).join(', ')}`);
  }
};
