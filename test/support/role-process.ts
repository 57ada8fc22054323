// One govmail role as its own OS process, started the way an operator does (`govmail web|worker|scheduler`), for
// tests that run several of each and SIGTERM or SIGKILL them. Ready when the process logs `roles.started`
// (server/roles.ts), which a web process does after it listens. The processes run the compiled bin, built once per
// test run from the current sources into a directory of its own (as compiled-bin.test.ts does): a tsx start
// compiles the whole app in every process, which on a loaded machine made each restart take a minute.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';
import type { TestDb } from './databases.js';
import type { DovecotInstance } from './dovecot.js';
import type { SmtpCapture } from './smtp-capture.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let built: Promise<{ bin: string; dir: string }> | undefined;

/** Builds the sources once into .tmp/roles-…/dist beside a copy of the bin; remove `dir` when done (removeCompiledBin). */
export function compiledBin(): Promise<{ bin: string; dir: string }> {
  built ??= (async () => {
    fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
    const dir = fs.mkdtempSync(path.join(ROOT, '.tmp/roles-'));
    fs.mkdirSync(path.join(dir, 'scripts/lib'), { recursive: true });
    for (const f of ['scripts/govmail.mjs', 'scripts/lib/dist.mjs']) fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
    await promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--out', path.join(dir, 'dist')], { env: { ...process.env, NODE_OPTIONS: '' } });
    return { bin: path.join(dir, 'scripts/govmail.mjs'), dir };
  })();
  return built;
}

export async function removeCompiledBin(): Promise<void> {
  if (!built) return;
  const { dir } = await built;
  built = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
}
// A wait, not a measure: seven processes starting at once on a loaded 2-CPU machine took over 90 s once.
const READY_TIMEOUT_MS = 180_000;

export type RoleName = 'web' | 'worker' | 'scheduler';

export interface RoleProcess {
  role: RoleName;
  proc: ChildProcess;
  /** web: where it listens */
  baseUrl?: string;
  /** worker: the lease owner name its hotline worker writes into hotline_inboxes and inbox_lease_history */
  owner?: string;
  /** the JSON log lines so far (events) */
  events: { event?: string; [k: string]: unknown }[];
  /** SIGTERM and wait; resolves with the exit code (0 after a clean stop) */
  stop(): Promise<number | null>;
  /** SIGKILL and wait, like a crash or the OOM killer */
  kill(): Promise<void>;
}

/** `nodeArgs`: options for node itself before the bin (the web bench's --cpu-prof). */
export async function startRoleProcess(role: RoleName, env: Record<string, string>, nodeArgs: readonly string[] = []): Promise<RoleProcess> {
  const port = role === 'web' ? await freePort() : 0;
  const baseUrl = role === 'web' ? `http://127.0.0.1:${port}` : undefined;
  const { bin } = await compiledBin();
  // NODE_OPTIONS cleared: mocha's --import=tsx must not leak into the child, which runs the compiled code.
  const proc = spawn(process.execPath, [...nodeArgs, bin, role], {
    env: { ...process.env, NODE_OPTIONS: '', SEED_DEMO: 'false', COOKIE_SECURE: 'false', LOG_LEVEL: 'info', ...env,
      ...(baseUrl ? { PORT: String(port), BASE_URL: baseUrl } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: RoleProcess['events'] = [];
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const started = await new Promise<{ owner?: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`govmail ${role} not ready after ${READY_TIMEOUT_MS} ms: ${stderr}`)), READY_TIMEOUT_MS);
    let buf = '';
    proc.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split('\n');
      buf = parts.pop()!;
      for (const line of parts) {
        let e: RoleProcess['events'][number];
        try {
          e = JSON.parse(line) as RoleProcess['events'][number];
        } catch {
          continue;
        }
        events.push(e);
        if (e.event === 'roles.started') {
          clearTimeout(timer);
          resolve({ owner: e.owner as string | undefined });
        }
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`govmail ${role} exited ${code} before it was ready: ${stderr}`));
    });
  });
  return {
    role, proc, baseUrl, owner: started.owner, events,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}

/** Waits, asking every 200 ms, until `check` holds; after `waitMs` fails naming `what` and what `explain` says. */
export async function until(what: string, check: () => Promise<boolean>, explain: (() => Promise<unknown>) | undefined, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} ${JSON.stringify((await explain?.()) ?? '')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The after() of a suite of role processes beside a Dovecot and an SMTP peer on one database: every process
 *  killed, the servers stopped, the database dropped and the compiled bin removed (whatever before() got to). */
export async function tearDownRoles(world: { running: readonly RoleProcess[]; smtp?: SmtpCapture; dv?: DovecotInstance; db?: TestDb }): Promise<void> {
  await Promise.all(world.running.map((p) => p.kill()));
  await world.smtp?.stop();
  await world.dv?.destroy();
  await world.db?.destroy();
  await removeCompiledBin();
}
