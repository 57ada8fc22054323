// WEB_PROCESSES > 1: the web role as several processes sharing PORT through node:cluster, so a page can use every
// CPU of the machine. The process started (`govmail web`, `npm start`) becomes the supervisor: it migrates and seeds
// as before, runs the worker and scheduler roles itself if asked (they never fork: jobs and inbox leases are per
// process), and forks the web processes, which run the web role only (server/roles.ts). The web processes share
// nothing but the port: sessions, the queue and every other state are in the database, as between web processes on
// different machines. A web process that dies is replaced, after a back-off that grows while they keep dying, so a
// crash loop does not spin; SIGTERM to the supervisor stops every web process as SIGTERM stops one.
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from './logger.js';

/** Set in the environment of the forked web processes: the fork runs the web role only, and skips migrating and
 *  seeding (the supervisor did both). Checked together with cluster.isWorker, so a govmail run under another
 *  cluster manager (pm2's cluster mode) still runs the roles it was given. */
const CHILD_MARK = 'GOVMAIL_WEB_CHILD';

/** True in a web process forked by the supervisor. */
export function isWebChild(): boolean {
  return cluster.isWorker && process.env[CHILD_MARK] === '1';
}

/** A replacement waits FIRST_BACKOFF_MS, doubled after each death up to MAX_BACKOFF_MS; a process that lived
 *  STABLE_MS before dying starts the count again. */
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;
const STABLE_MS = 60_000;

/** A web process that could not start (listen failed, bad configuration): start-up stops with its exit code. */
export class WebClusterStartError extends Error {
  override readonly name = 'WebClusterStartError';
}

export interface WebCluster {
  /** the web processes' pids now */
  pids(): number[];
  /** SIGTERM to every web process; resolves when all have exited. No replacement is forked after this. */
  stop(): Promise<void>;
}

/**
 * Forks `count` web processes and resolves once every one listens; rejects with WebClusterStartError if one exits
 * first (the others are stopped). From then on a web process that exits is replaced.
 */
export async function startWebCluster(count: number, log: Logger): Promise<WebCluster> {
  const live = new Set<Worker>();
  let stopping = false;
  let backoffMs = FIRST_BACKOFF_MS;
  let pending: NodeJS.Timeout | undefined;

  const fork = (): Worker => {
    const w = cluster.fork({ [CHILD_MARK]: '1' });
    live.add(w);
    return w;
  };
  const stopAll = async (): Promise<void> => {
    stopping = true;
    if (pending) clearTimeout(pending);
    const exits = [...live].map((w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : w.once('exit', () => resolve()))));
    for (const w of live) if (!w.isDead()) w.process.kill('SIGTERM');
    await Promise.all(exits);
  };

  // Start-up: all listening, or the first failure stops the rest.
  const first = Array.from({ length: count }, fork);
  try {
    await Promise.all(first.map((w) => new Promise<void>((resolve, reject) => {
      w.once('listening', () => resolve());
      w.once('exit', (code, signal) => reject(new WebClusterStartError(`a web process exited before it listened (${signal ?? `exit code ${code}`})`)));
    })));
  } catch (e) {
    await stopAll();
    throw e;
  }

  const startedAt = new Map<Worker, number>(first.map((w) => [w, Date.now()]));
  cluster.on('exit', (w, code, signal) => {
    live.delete(w);
    if (stopping) return;
    const lived = Date.now() - (startedAt.get(w) ?? 0);
    startedAt.delete(w);
    if (lived >= STABLE_MS) backoffMs = FIRST_BACKOFF_MS;
    const wait = backoffMs;
    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    log.error({ event: 'web.process_exited', pid: w.process.pid, code, signal, replaceInMs: wait }, 'a web process exited; replacing it');
    // One replacement at a time: several deaths at once wait for the same timer and are all replaced then.
    if (pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      while (!stopping && live.size < count) {
        const n = fork();
        startedAt.set(n, Date.now());
        n.once('listening', () => log.info({ event: 'web.process_replaced', pid: n.process.pid }));
      }
    }, wait);
  });

  return {
    pids: () => [...live].map((w) => w.process.pid!).filter((p) => p !== undefined),
    stop: stopAll,
  };
}
