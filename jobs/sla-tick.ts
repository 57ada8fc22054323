import type { JobHandler } from './registry.js';
import { env } from '../server/config/env.js';
import { slaTick } from '../server/services/sla/index.js';

/** Every minute: reminders and escalations due now. Steps are claimed per (ticket, step), so overlapping ticks are harmless. */
export const slaTickJob: JobHandler = async (_payload, { db, log }) => {
  const r = await slaTick(db, new Date(), { from: env().MAIL_FROM });
  if (r.reminders || r.escalations) log.info({ event: 'sla.tick.done', reminders: r.reminders, escalations: r.escalations });
};
