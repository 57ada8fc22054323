// migrate (accounts, including user:create-admin, are in user-commands.ts).
import type { CommandModule } from './context.js';

export const coreCommands: CommandModule = (program, ctx) => {
  program
    .command('migrate')
    .description('apply pending database migrations (idempotent)')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      const { migrateUp } = await import('../db/migrate.js');
      const applied = await migrateUp(ctx.db().sequelize, { secretKey: ctx.env.SECRET_KEY });
      ctx.print(opts, { applied }, () => (applied.length ? applied.map((m) => `applied ${m}`) : 'database is up to date'));
    });
};
