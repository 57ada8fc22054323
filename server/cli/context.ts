// What every CLI command gets: the parsed config; the database, SMTP transport, ingestion context and session
// kicker from the composition root; and the output helpers that keep the contract (DESIGN.md §6): `--json`
// prints exactly one JSON document on stdout; failures exit non-zero with a clear message on stderr.
// The composition root (and with it sequelize) is imported only when a command's action is about to run
// (`open()`, called from cli.ts's preAction hook), so `govmail --help` never loads it.
import type { Command } from 'commander';
import { env, type Env } from '../config/env.js';
import type { Root } from '../composition.js';

export interface CliContext extends Pick<Root, 'db' | 'transport' | 'ingestContext' | 'sessionKicker'> {
  env: Env;
  /** Builds the composition root; cli.ts awaits it before any action, so db() and the rest may be called then. */
  open(): Promise<void>;
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
  const config = env();
  let root: Root | undefined;
  const opened = (): Root => {
    if (!root) throw new Error('the CLI context is used before open()');
    return root;
  };
  return {
    env: config,
    async open() {
      if (root) return;
      const { buildRoot } = await import('../composition.js');
      root = buildRoot(config);
    },
    db: () => opened().db(),
    transport: () => opened().transport(),
    ingestContext: () => opened().ingestContext(),
    get sessionKicker() {
      return opened().sessionKicker;
    },
    print(opts, data, human) {
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
        return;
      }
      const out = human();
      process.stdout.write(`${Array.isArray(out) ? out.join('\n') : out}\n`);
    },
    close: async () => root?.close(),
  };
}

/**
 * A command group: registers its commands' names, arguments, options and help on the program. Registering must
 * stay cheap (commander and types only); each action imports the services it calls when it runs.
 */
export type CommandModule = (program: Command, ctx: CliContext) => void;
