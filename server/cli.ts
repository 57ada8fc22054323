// The `govmail` command. Thin: each command parses its options, calls one service, prints. The command groups
// live in server/cli/*-commands.ts; add a group there and list it below. Registering them is cheap: the services
// and the database are imported only for the command that runs (server/cli/README.md).
import { Command, CommanderError } from 'commander';
import { ConfigError } from './config/env.js';
import { createCliContext, CliError, type CommandModule } from './cli/context.js';
import { coreCommands } from './cli/core-commands.js';
import { auditCommands } from './cli/audit-commands.js';
import { hotlineCommands } from './cli/hotline-commands.js';
import { orgCommands } from './cli/org-commands.js';
import { agencyCommands } from './cli/agency-commands.js';
import { rosterCommands } from './cli/roster-commands.js';
import { mailboxCommands } from './cli/mailbox-commands.js';
import { slaCommands } from './cli/sla-commands.js';
import { metricsCommands } from './cli/metrics-commands.js';
import { slaTickCommands } from './cli/sla-tick-commands.js';
import { userCommands } from './cli/user-commands.js';
import { backupCommands } from './cli/backup-commands.js';
import { caseCommands } from './cli/case-commands.js';
import { roleCommands } from './cli/role-commands.js';

const COMMAND_GROUPS: CommandModule[] = [coreCommands, auditCommands, slaCommands, orgCommands, agencyCommands, rosterCommands, mailboxCommands, hotlineCommands, metricsCommands, slaTickCommands, userCommands, backupCommands, caseCommands, roleCommands];

export async function runCli(argv: string[]): Promise<number> {
  let ctx;
  try {
    ctx = createCliContext();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const program = new Command('govmail')
    .description('govmail — official mailboxes and citizen hotline inboxes')
    .exitOverride()
    .showHelpAfterError();
  for (const group of COMMAND_GROUPS) group(program, ctx);
  // After parsing and before the action: `--help` and a usage error never open the composition root.
  program.hook('preAction', () => ctx.open());
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (e instanceof CliError) {
      process.stderr.write(`govmail: ${e.message}\n`);
      return e.exitCode;
    }
    process.stderr.write(`govmail: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    await ctx.close();
  }
}

// Run when executed directly (node --import tsx server/cli.ts …); scripts/govmail.mjs calls runCli itself.
if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
