// What every CLI command gets: the parsed config; the database, SMTP transport, ingestion context and session
// kicker from the composition root (the costly ones opened on first use); and the output helpers that keep the
// contract (DESIGN.md §6): `--json` prints exactly one JSON document on stdout; failures exit non-zero with a
// clear message on stderr.
import type { Command } from 'commander';
import { env, type Env } from '../config/env.js';
import { buildRoot, type Root } from '../composition.js';

export interface CliContext extends Pick<Root, 'db' | 'transport' | 'ingestContext' | 'sessionKicker'> {
  env: Env;
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
  const root = buildRoot(env());
  return {
    env: root.config,
    db: root.db,
    transport: root.transport,
    ingestContext: root.ingestContext,
    sessionKicker: root.sessionKicker,
    print(opts, data, human) {
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
        return;
      }
      const out = human();
      process.stdout.write(`${Array.isArray(out) ? out.join('\n') : out}\n`);
    },
    close: root.close,
  };
}

export type CommandModule = (program: Command, ctx: CliContext) => void;
