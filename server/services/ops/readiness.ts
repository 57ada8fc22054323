// /readyz: may this process take traffic, and is the system around it doing its work? Each check names what is
// wrong in words an operator can act on; nothing here names a citizen or a mail (inboxes by agency code only).
// Only what this process needs to serve (the database, the schema it was built for) decides `ready`: a load
// balancer pulls a process that is not ready, and one agency's stale inbox or a stopped worker must not take
// every web process out of service with it. Those system checks make the answer `degraded` instead, for
// monitoring, which the watchdog and /metrics/prom also alert on.
import type { Db } from '../../db/index.js';
import { pendingMigrationsReadOnly } from '../../db/migrate.js';
import { inboxHealth, jobLag, JOB_LAG_LIMIT_MS } from './ops-state.js';

export interface CheckResult { ok: boolean; detail?: string | string[] }
export interface Readiness {
  /** this process can serve: the database answers and no migration is pending */
  ready: boolean;
  /** ready, but the system around it is not doing its work: no job runner or scheduler, or a stale inbox */
  degraded: boolean;
  checks: { db: CheckResult; migrations: CheckResult; jobs: CheckResult; inboxes: CheckResult };
}

const ok: CheckResult = { ok: true };

function jobsCheck(lag: { due: number; oldestMs: number; newestAgeMs: number | null }): CheckResult {
  const detail: string[] = [];
  if (lag.oldestMs > JOB_LAG_LIMIT_MS) detail.push(`${lag.due} due job(s), the oldest waiting ${Math.round(lag.oldestMs / 1000)} s: no job runner (role worker) is working the queue`);
  if (lag.newestAgeMs !== null && lag.newestAgeMs > JOB_LAG_LIMIT_MS) detail.push(`no job queued for ${Math.round(lag.newestAgeMs / 1000)} s: no scheduler (role scheduler) is running`);
  return detail.length ? { ok: false, detail } : ok;
}

/**
 * Ready: the database answers; no migration is pending (a process started before `govmail migrate` finished); the job
 * queue is being worked (a due job waited less than JOB_LAG_LIMIT_MS: the runner's heartbeat is its claims, since
 * the scheduler queues outbox.flush every 15 s, so the newest job is younger than that limit too while a scheduler
 * runs) and every active inbox had a success within `inboxStaleMs`, else degraded.
 */
export async function readiness(db: Db, opts: { now?: Date; inboxStaleMs: number }): Promise<Readiness> {
  const now = opts.now ?? new Date();
  try {
    await db.sequelize.query('SELECT 1');
  } catch {
    const down = { ok: false, detail: 'database unreachable' };
    return { ready: false, degraded: false, checks: { db: down, migrations: { ok: false, detail: 'not checked' }, jobs: { ok: false, detail: 'not checked' }, inboxes: { ok: false, detail: 'not checked' } } };
  }
  const [pending, lag, inboxes] = await Promise.all([pendingMigrationsReadOnly(db.sequelize), jobLag(db, now), inboxHealth(db, now, opts.inboxStaleMs)]);
  const stale = inboxes.filter((i) => i.stale).map((i) => i.agency);
  const checks = {
    db: ok,
    migrations: pending.length ? { ok: false, detail: [`${pending.length} pending: run govmail migrate`, ...pending] } : ok,
    jobs: jobsCheck(lag),
    inboxes: stale.length
      ? { ok: false, detail: stale.map((code) => `inbox ${code}: no successful poll within ${Math.round(opts.inboxStaleMs / 60_000)} min`) }
      : ok,
  };
  const ready = checks.db.ok && checks.migrations.ok;
  return { ready, degraded: ready && !(checks.jobs.ok && checks.inboxes.ok), checks };
}
