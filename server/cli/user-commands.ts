// Web accounts and roles (DESIGN.md §6): user:create, user:list, user:set-role, user:disable, user:enable,
// user:unlock, and user:create-admin (the first admin of a new install). Thin over services/users, acting as
// the province-wide CLI operator.
import type { Command } from 'commander';
import type { CommandModule } from './context.js';
import type { Role } from '../db/models/foundation.js';
import { cliAction, cliOperator } from './cli-errors.js';

const users = () => import('../services/users/index.js');

// Written out for --help, which must not load the users service (nor sequelize behind its ROLES);
// test/unit/cli/help-lists.test.ts keeps it equal to ROLES.
export const ROLE_NAMES: readonly Role[] = ['staff', 'agent', 'supervisor', 'leader', 'hr', 'admin'];
const ROLE_HELP = `one of ${ROLE_NAMES.join('|')}`;

export const userCommands: CommandModule = (program, ctx) => {

  program
    .command('user:create')
    .description('create a web account with a role; without --agency it is province-wide. Prints the one-time password when it makes one')
    .argument('<username>', 'login name (3–190 characters: a-z 0-9 . _ @ -)')
    .requiredOption('--role <role>', ROLE_HELP)
    .option('--agency <code>', 'the agency the role is held in (default: the whole province)')
    .option('--mailbox <address>', 'the person\'s official mailbox: the account is linked to it and follows it')
    .option('--password <password>', 'ASCII, 12+ characters; generated when omitted (and changed at first sign-in)')
    .option('--name <display>', 'display name (default: the mailbox owner\'s name, else the username)')
    .option('--json', 'print JSON: {username, role, agency, mailbox, password?}')
    .action(cliAction(async (username: string, opts) => {
      const { createAccount } = await users();
      const r = await createAccount(ctx.db(), { username, role: opts.role, agency: opts.agency, mailbox: opts.mailbox, password: opts.password, displayName: opts.name }, await cliOperator());
      ctx.print(opts, r, () => [`created ${r.role} ${r.username} (${r.agency ?? 'province-wide'})${r.mailbox ? ` for ${r.mailbox}` : ''}`,
        ...(r.password ? [`one-time password: ${r.password}`] : [])]);
    }));

  program
    .command('user:create-admin')
    .description('create a province-wide admin for the web (prints a one-time password unless --password is given)')
    .argument('<username>', 'login name, e.g. admin@hoabinh.gov.vn')
    .option('--name <display>', 'display name', 'Quản trị viên')
    .option('--password <password>', 'password (ASCII, 12+ characters); generated when omitted')
    .option('--json', 'print JSON: {username, password?}')
    .action(cliAction(async (username: string, opts) => {
      const { createAccount } = await users();
      const r = await createAccount(ctx.db(), { username, role: 'admin', password: opts.password, displayName: opts.name }, await cliOperator());
      ctx.print(opts, { username: r.username, password: r.password }, () =>
        (r.password ? [`created admin ${r.username}`, `one-time password: ${r.password}`] : `created admin ${r.username}`));
    }));

  program
    .command('user:list')
    .description('list web accounts')
    .option('--agency <code>', 'only accounts held in this agency')
    .option('--role <role>', `only this role (${ROLE_HELP})`)
    .option('--json', 'print JSON: [{username, name, role, agency, mailbox, active, locked, last_login_at}]')
    .action(cliAction(async (opts) => {
      const { listAccounts } = await users();
      const rows = await listAccounts(ctx.db(), { agency: opts.agency, role: opts.role }, await cliOperator());
      ctx.print(opts, rows, () => (rows.length === 0 ? 'no accounts' : rows.map((r) =>
        `${r.active ? (r.locked ? 'L' : ' ') : '-'} ${r.username}\t${r.role}\t${r.agency ?? '(province)'}\t${r.mailbox ?? ''}`)));
    }));

  program
    .command('user:set-role')
    .description('change an account\'s role and scope; without --agency the role is province-wide')
    .argument('<username>')
    .requiredOption('--role <role>', ROLE_HELP)
    .option('--agency <code>', 'the agency the role is held in (default: the whole province)')
    .option('--json', 'print JSON: {username, role: {from, to}, agency: {from, to}, changed}')
    .action(cliAction(async (username: string, opts) => {
      const { setAccountRole } = await users();
      const r = await setAccountRole(ctx.db(), username, { role: opts.role, agency: opts.agency }, await cliOperator());
      ctx.print(opts, r, () => (r.changed ? `${r.username}: ${r.role.from} (${r.agency.from ?? 'province-wide'}) → ${r.role.to} (${r.agency.to ?? 'province-wide'})` : `${r.username}: unchanged`));
    }));

  const simple = (name: string, description: string, service: 'disableAccount' | 'enableAccount' | 'unlockAccount', done: string): Command =>
    program.command(name).description(description).argument('<username>').option('--json', 'print JSON: {username, changed}')
      .action(cliAction(async (username: string, opts) => {
        const fn = (await users())[service];
        const r = await fn(ctx.db(), username, await cliOperator());
        ctx.print(opts, r, () => `${r.username} ${r.changed ? done : 'unchanged'}`);
      }));
  simple('user:disable', 'refuse the account\'s sign-ins and end its open web sessions', 'disableAccount', 'disabled');
  simple('user:enable', 'allow the account to sign in again', 'enableAccount', 'enabled');
  simple('user:unlock', 'lift the lockout after failed sign-ins', 'unlockAccount', 'unlocked');
};
