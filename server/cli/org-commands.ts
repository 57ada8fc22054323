// org:import, coverage and domain:migrate: the org chart and its mail domains.
import type { CommandModule } from './context.js';
import { CliError } from './context.js';
import { cliAction, cliOperator, parseDays } from './cli-errors.js';

const provisioning = () => import('../services/provisioning/index.js');

const collect = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').filter(Boolean)];

export const orgCommands: CommandModule = (program, ctx) => {
  program
    .command('org:import')
    .description('agencies from CSV/XLSX: code,name,kind,parent_code,mail_domain,hotline_address (all or nothing)')
    .argument('<file>')
    .option('--dry-run', 'validate only')
    .option('--json', 'print JSON: {created, updated, unchanged, errors:[{row, field, message}]}')
    .action(cliAction(async (file: string, opts) => {
      const { importOrgFile } = await provisioning();
      const r = await importOrgFile(ctx.db(), file, { actor: await cliOperator(), dryRun: !!opts.dryRun });
      ctx.print(opts, r, () => [...r.errors.map((e) => `row ${e.row}, ${e.field}: ${e.message}`),
        `agencies: created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}${r.written ? '' : ' (nothing written)'}`]);
      if (r.errors.length) throw new CliError(`${r.errors.length} error(s) in ${file}; nothing was written`);
    }));

  program
    .command('coverage')
    .description('per agency: staff, active mailboxes, % covered, never logged in, suspended')
    .option('--agency <code>', 'only this agency')
    .option('--json', 'print JSON')
    .action(cliAction(async (opts) => {
      const { coverage } = await provisioning();
      const c = await coverage(ctx.db(), { agencyCode: opts.agency });
      ctx.print(opts, c, () => [
        'agency        staff  active  covered  never-logged-in  suspended',
        ...[...c.agencies, { agency: 'TOTAL', ...c.total }].map((a) =>
          `${a.agency.padEnd(12)} ${String(a.staff).padStart(6)} ${String(a.active_mailboxes).padStart(7)} ${`${a.covered_pct}%`.padStart(8)} ${String(a.never_logged_in).padStart(16)} ${String(a.suspended).padStart(10)}`),
      ]);
    }));

  program
    .command('domain:migrate')
    .description('move addresses to a new domain (subdomains follow), keeping the old ones as aliases; resumable')
    .requiredOption('--from <domain>', 'e.g. hoabinh.gov.vn')
    .requiredOption('--to <domain>', 'e.g. phutho.gov.vn')
    .option('--agency <codes>', 'only these agencies (repeat or comma-separate)', collect)
    .option('--dry-run', 'show moves and conflicts; write nothing')
    .option('--renumber', 'give a conflicting address the lowest free number instead of skipping it')
    .option('--alias-days <n>', 'old addresses stop working after this many days (default: never)')
    .option('--json', 'print JSON')
    .action(cliAction(async (opts) => {
      const { migrateDomain } = await provisioning();
      const r = await migrateDomain(ctx.db(), {
        from: opts.from, to: opts.to, agencyCodes: opts.agency, dryRun: !!opts.dryRun, renumber: !!opts.renumber,
        aliasDays: opts.aliasDays === undefined ? null : parseDays(opts.aliasDays), actor: await cliOperator(),
      });
      ctx.print(opts, r, () => [
        ...(r.dryRun ? r.moves.map((m) => `  ${m.from} → ${m.to}`) : []),
        ...r.conflicts.map((c) => `conflict: ${c.address} → ${c.target}: ${c.reason}`),
        `${r.dryRun ? 'would move' : 'moved'} ${r.moved} mailbox(es), ${r.aliases} alias(es), ${r.hotlines} hotline login(s), ${r.agencies} agency domain(s)${r.resumed ? ' (resumed an interrupted run)' : ''}; ${r.conflicts.length} conflict(s)`,
      ]);
    }));
};
