// Helpers for the HR/admin page tests: upload a file the way views/static/upload.js does, and run the queued
// jobs in-process (the worker's part). Logging in is loginAgent() in web.ts.
import type { Db } from '../../server/db/index.js';
import { createLogger } from '../../server/logger.js';
import { env, setEnvForTests } from '../../server/config/env.js';
import { buildRoot } from '../../server/composition.js';
import { JobRunner } from '../../jobs/runner.js';
import type { JobRegistry } from '../../jobs/registry.js';
import { TEST_SECRET, type Agent } from './web.js';

/** The worker's handlers take SECRET_KEY from the config they are built with (env() here, testJobs()); the test
 * app uses TEST_SECRET: make them agree. */
export function useTestSecretInWorker(): void {
  setEnvForTests({ SECRET_KEY: TEST_SECRET });
}

export function upload(agent: Agent, url: string, csrf: string, fileName: string, content: string | Buffer) {
  return agent.post(url).set('Content-Type', 'application/octet-stream').set('Accept', 'application/json')
    .set('X-CSRF-Token', csrf).set('X-File-Name', encodeURIComponent(fileName)).send(Buffer.from(content));
}

/** The worker's job handlers as server/index.ts wires them, over the test's database and the current env(). */
export function testJobs(db: Db): Promise<JobRegistry> {
  return buildRoot(env(), { db, log: createLogger('silent') }).jobs();
}

/** Runs due jobs until none is left; returns how many ran. */
export async function runJobs(db: Db): Promise<number> {
  const runner = new JobRunner(db, await testJobs(db), createLogger('silent'));
  let ran = 0;
  while ((await runner.runOnce()) === 'ran') ran++;
  return ran;
}
