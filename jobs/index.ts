// Every job the worker knows, and every periodic schedule. Add a job: write jobs/<name>.ts exporting a handler,
// register it here, and (if periodic) add a schedule.
import { JobRegistry } from './registry.js';
import type { Schedule } from './scheduler.js';
import { purgeSessionsJob } from './purge-sessions.js';

export function buildJobRegistry(): JobRegistry {
  return new JobRegistry().register('sessions.purge', purgeSessionsJob);
}

export const SCHEDULES: Schedule[] = [{ name: 'sessions.purge', everyMs: 60 * 60_000 }];
