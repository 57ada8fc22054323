// `govmail web`, `govmail worker`, `govmail scheduler`: one role per process, for running them apart (several web
// processes behind a proxy, workers on other machines). `npm start` runs the roles of GOVMAIL_ROLES in one process.
// Each runs until SIGTERM or SIGINT and then stops cleanly (server/roles.ts), exiting 0.
import type { CommandModule } from './context.js';

const ROLE_HELP = {
  web: 'serve the web app on PORT in WEB_PROCESSES processes (any number of web commands may run behind a proxy)',
  worker: 'run queued jobs and poll the hotline inboxes it can lease (INBOX_LEASE_SECONDS, JOB_LEASE_SECONDS)',
  scheduler: 'enqueue the periodic jobs (one job per time slot, however many schedulers run)',
} as const;

export const roleCommands: CommandModule = (program, ctx) => {
  for (const role of ['web', 'worker', 'scheduler'] as const) {
    program
      .command(role)
      .description(`${ROLE_HELP[role]}; runs until SIGTERM`)
      .addHelpText('after', '\nMigrates the database first (under the migration lock). Configured by the environment like npm start;\nGOVMAIL_ROLES is ignored. Logs are JSON lines on stdout (LOG_LEVEL).')
      // Its output is the log, JSON lines already; the flag is taken so every command accepts it (DESIGN.md §6).
      .option('--json', 'log lines are JSON (always)')
      .action(async () => {
        // A role logs stack traces: map them to the TypeScript for the code loaded from here on (the bin leaves
        // source maps off for the short commands, which print no stack).
        process.setSourceMapsEnabled(true);
        const { runRoles } = await import('../roles.js');
        await runRoles(ctx.env, new Set([role]));
      });
  }
};
