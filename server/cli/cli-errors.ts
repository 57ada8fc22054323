// Turns the services' typed input errors into CliError (clear stderr line, exit 1) for every command group.
// The services are imported when needed, never when the commands are registered (see context.ts).
import type { Actor } from '../services/auth/index.js';
import { CliError } from './context.js';

export const CLI_ACTOR = 'cli';

/** Whoever runs `govmail` on the server already holds the database: a province-wide admin to the services. */
export async function cliOperator(): Promise<Actor> {
  const { systemActor } = await import('../services/auth/index.js');
  return systemActor(CLI_ACTOR);
}

export function cliAction<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      if (e instanceof CliError) throw e;
      const [{ ProvisioningError }, { TableReadError }] = await Promise.all([
        import('../services/provisioning/index.js'), import('../services/import/index.js'),
      ]);
      if (e instanceof ProvisioningError) throw new CliError(e.field ? `${e.field}: ${e.message}` : e.message);
      if (e instanceof TableReadError) throw new CliError(`cannot read the file${e.row ? ` (row ${e.row})` : ''}: ${e.message}`);
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError((e as Error).message);
      throw e;
    }
  };
}

export function parseDays(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new CliError(`not a whole number of days: ${value}`);
  return n;
}
