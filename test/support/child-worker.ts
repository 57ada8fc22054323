// Spawns test/support/ingest-child.ts as a real OS process, so tests can kill -9 it like a crashed worker.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { IngestContext } from '../../server/services/ingestion/ingest-context.js';

const SCRIPT = fileURLToPath(new URL('./ingest-child.ts', import.meta.url));
const READY_TIMEOUT_MS = 30_000;

export interface ChildWorker {
  proc: ChildProcess;
  /** stdout lines so far */
  lines: string[];
  /** SIGKILL, and wait until the process is gone */
  kill(): Promise<void>;
}

export interface ChildWorkerEnv {
  databaseUrl: string;
  smtpUrl: string;
  secretKey: string;
  ctx: IngestContext;
  leaseMs: number;
  workerId?: string;
  /** print a `fetch` line per fetched message (see ingest-child.ts) */
  countFetches?: boolean;
}

/** Starts the worker and resolves once it printed `ready` (its modules are loaded and the DB is open). */
export async function startChildWorker(e: ChildWorkerEnv): Promise<ChildWorker> {
  const proc = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    env: { ...process.env, DATABASE_URL: e.databaseUrl, SMTP_URL: e.smtpUrl, SECRET_KEY: e.secretKey, INGEST_CTX: JSON.stringify(e.ctx),
      LEASE_MS: String(e.leaseMs), ...(e.workerId ? { WORKER_ID: e.workerId } : {}),
      ...(e.countFetches ? { COUNT_FETCHES: '1' } : {}), LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ingest child not ready after ${READY_TIMEOUT_MS} ms: ${stderr}`)), READY_TIMEOUT_MS);
    let buf = '';
    proc.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split('\n');
      buf = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        if (line === 'ready') {
          clearTimeout(timer);
          resolve();
        }
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`ingest child exited ${code} before ready: ${stderr}`));
    });
  });
  return {
    proc, lines,
    kill: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}

/** mulberry32: a tiny seeded PRNG, so a failing kill schedule can be replayed with the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
