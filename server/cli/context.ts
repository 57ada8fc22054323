// What every CLI command gets: the parsed config, an open database, and the output helpers that keep the
// contract (DESIGN.md §6): `--json` prints exactly one JSON document on stdout; failures exit non-zero with a
// clear message on stderr.
import type { Command } from 'commander';
import { env, type Env } from '../config/env.js';
import { openDb, type Db } from '../db/index.js';

export interface CliContext {
  env: Env;
  db(): Db;
  /** Prints `data` as JSON when --json was given, otherwise `human()`'s lines. */
  print(opts: { json?: boolean }, data: unknown, human: () => string | string[]): void;
  close(): Promise<void>;
}

/** A failure the user can fix; printed without a stack trace. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1, readonly details?: unknown) {
    super(message);
    this.name = 'CliError';
  }
}

export function createCliContext(): CliContext {
  let db: Db | undefined;
  return {
    env: env(),
    db() {
      db ??= openDb(env().DATABASE_URL);
      return db;
    },
    print(opts, data, human) {
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
        return;
      }
      const out = human();
      process.stdout.write(`${Array.isArray(out) ? out.join('\n') : out}\n`);
    },
    async close() {
      await db?.close();
    },
  };
}

export type CommandModule = (program: Command, ctx: CliContext) => void;
