// migrate, user:create-admin.
import type { CommandModule } from './context.js';
import { migrateUp } from '../db/migrate.js';
import { createUser } from '../services/auth/users.js';
import { generateInitialPassword } from '../services/crypto/password-hash.js';

export const coreCommands: CommandModule = (program, ctx) => {
  program
    .command('migrate')
    .description('apply pending database migrations (idempotent)')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      const applied = await migrateUp(ctx.db().sequelize, { secretKey: ctx.env.SECRET_KEY });
      ctx.print(opts, { applied }, () => (applied.length ? applied.map((m) => `applied ${m}`) : 'database is up to date'));
    });

  program
    .command('user:create-admin')
    .description('create a province-wide admin for the web (prints a one-time password unless --password is given)')
    .argument('<username>', 'login name, e.g. admin@hoabinh.gov.vn')
    .option('--name <display>', 'display name', 'Quản trị viên')
    .option('--password <password>', 'password (ASCII, 12+ characters); generated when omitted')
    .option('--json', 'print JSON')
    .action(async (username: string, opts) => {
      const password = opts.password ?? generateInitialPassword();
      const user = await createUser(ctx.db(), {
        username, displayName: opts.name, password, role: 'admin', agencyId: null, mustChangePassword: !opts.password,
      }, 'cli');
      ctx.print(opts, { id: user.id, username, password: opts.password ? undefined : password }, () =>
        opts.password ? `created admin ${username}` : [`created admin ${username}`, `one-time password: ${password}`]);
    });
};
