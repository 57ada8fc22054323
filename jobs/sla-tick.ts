import type { JobDeps, JobHandler } from './registry.js';
import { slaTick } from '../server/services/sla/index.js';

/** Every minute: reminders and escalations due now. Steps are claimed per (ticket, step), so overlapping ticks are harmless. */
export const slaTickJob = (deps: JobDeps): JobHandler => async (_payload, { db, log }) => {
  const r = await slaTick(db, new Date(), { from: deps.config.MAIL_FROM });
  if (r.reminders || r.escalations) log.info({ event: 'sla.tick.done', reminders: r.reminders, escalations: r.escalations });
};
