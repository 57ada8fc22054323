import type { JobHandler } from './registry.js';
import { purgeExpiredSessions } from '../server/services/auth/index.js';

/** Hourly: removes expired sessions so the table stays small. */
export const purgeSessionsJob: JobHandler = async (_payload, { db, log }) => {
  const removed = await purgeExpiredSessions(db);
  if (removed) log.info({ event: 'sessions.purged', removed });
};
