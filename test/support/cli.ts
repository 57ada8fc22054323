// Runs the `govmail` CLI in a child process, as an operator or an outside check would: the TypeScript itself
// through tsx (server/cli.ts runs when executed directly), so tests never depend on a build in dist/. The compiled
// bin has its own test (integration/cli/compiled-bin.test.ts).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../server/cli.ts', import.meta.url));
/** The node arguments that run `govmail` from the sources. */
export const GOVMAIL_ARGS: readonly string[] = ['--import', 'tsx', CLI];

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (for --json runs) */
  json<T = unknown>(): T;
}

export function runGovmail(args: string[], env: Record<string, string> = {}, stdin?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...GOVMAIL_ARGS, ...args], { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, json: () => JSON.parse(stdout) }));
    child.stdin.end(stdin ?? '');
  });
}
