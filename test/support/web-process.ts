// The web app as its own OS process (`server/index.ts` with GOVMAIL_ROLES=web), for tests that measure the
// process the way an operator sees it: its resident memory, and whether it still answers while it works.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort, waitForPort } from './free-port.js';

const ENTRY = fileURLToPath(new URL('../../server/index.ts', import.meta.url));
const START_TIMEOUT_MS = 60_000;

export interface WebProcess {
  baseUrl: string;
  pid: number;
  /** Resident set size now, from /proc (read from outside, so it works while the process's event loop is busy). */
  rssBytes(): number;
  stop(): Promise<void>;
}

export async function startWebProcess(opts: { databaseUrl: string; secretKey: string }): Promise<WebProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const proc = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    env: { ...process.env, DATABASE_URL: opts.databaseUrl, SECRET_KEY: opts.secretKey, PORT: String(port), BASE_URL: baseUrl,
      GOVMAIL_ROLES: 'web', SEED_DEMO: 'false', COOKIE_SECURE: 'false', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  try {
    await Promise.race([
      waitForPort(port, '127.0.0.1', START_TIMEOUT_MS),
      exited.then(() => Promise.reject(new Error(`the web process exited before listening: ${stderr}`))),
    ]);
  } catch (e) {
    proc.kill('SIGKILL');
    throw e;
  }
  return {
    baseUrl,
    pid: proc.pid!,
    rssBytes: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'))![1]) * 1024,
    async stop() {
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

/** Samples a process's RSS every few milliseconds until stopped; returns the highest seen. */
export function watchPeakRss(read: () => number, everyMs = 5): { stop(): number } {
  let peak = read();
  const timer = setInterval(() => (peak = Math.max(peak, read())), everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, read());
    },
  };
}
