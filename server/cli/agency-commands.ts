// One agency at a time: agency:list, agency:set (name, kind, parent, hotline), agency:end, agency:deactivate,
// agency:reopen. Thin over services/provisioning/agency-admin.ts; the CLI acts as a province-wide admin.
import type { CommandModule } from './context.js';
import { cliAction, cliOperator } from './cli-errors.js';
import type { AgencyEdit } from '../services/provisioning/index.js';

const provisioning = () => import('../services/provisioning/index.js');

export const agencyCommands: CommandModule = (program, ctx) => {
  program
    .command('agency:list')
    .description('every agency, with its parent, mail domain, hotline and end day')
    .option('--json', 'print JSON: [{code, name, kind, parent, mail_domain, hotline_address, valid_to, ended}]')
    .action(cliAction(async (opts) => {
      const { listAgencies } = await provisioning();
      const rows = await listAgencies(ctx.db());
      ctx.print(opts, rows, () => rows.map((a) => `${a.code}\t${a.name}\t${a.mail_domain ?? ''}${a.valid_to ? `\t${a.ended ? 'ended' : 'ends'} ${a.valid_to}` : ''}`));
    }));

  program
    .command('agency:set')
    .description('edit an agency (its code never changes; its mail domain moves with domain:migrate)')
    .argument('<code>')
    .option('--name <name>', 'the name, in Vietnamese with diacritics')
    .option('--kind <kind>', 'province, department, office, district or commune')
    .option('--parent <code>', 'the parent agency ("" for a root)')
    .option('--hotline <address>', 'the published hotline address, in the agency\'s domain ("" for none)')
    .option('--json', 'print JSON: {code, changes: {field: {from, to}}}')
    .action(cliAction(async (code: string, opts) => {
      const edit: AgencyEdit = {
        ...(opts.name !== undefined ? { name: opts.name } : {}), ...(opts.kind !== undefined ? { kind: opts.kind } : {}),
        ...(opts.parent !== undefined ? { parentCode: opts.parent || null } : {}), ...(opts.hotline !== undefined ? { hotlineAddress: opts.hotline || null } : {}),
      };
      const { updateAgency } = await provisioning();
      const changes = await updateAgency(ctx.db(), code, edit, await cliOperator());
      ctx.print(opts, { code: code.toUpperCase(), changes }, () => Object.keys(changes).length
        ? Object.entries(changes).map(([f, c]) => `${f}: ${String(c.from)} → ${String(c.to)}`) : 'nothing changed');
    }));

  const end = (name: string, description: string, run: (code: string, opts: { on?: string }) => Promise<{ from: string | null; to: string | null }>, withDay = false) => {
    const cmd = program.command(name).description(description).argument('<code>');
    if (withDay) cmd.requiredOption('--on <day>', 'the first day without it, YYYY-MM-DD (Hà Nội time)');
    cmd.option('--json', 'print JSON: {code, valid_to: {from, to}}').action(cliAction(async (code: string, opts) => {
      const change = await run(code, opts);
      ctx.print(opts, { code: code.toUpperCase(), valid_to: change }, () => `${code.toUpperCase()}: end ${change.from ?? 'none'} → ${change.to ?? 'none'}`);
    }));
  };
  end('agency:end', 'end an agency on a day: from then it takes no new roster rows, tickets or mailboxes',
    async (code, o) => (await provisioning()).setAgencyEnd(ctx.db(), code, o.on!, await cliOperator()), true);
  end('agency:deactivate', 'end an agency now', async (code) => (await provisioning()).deactivateAgency(ctx.db(), code, await cliOperator()));
  end('agency:reopen', 'remove an agency\'s end', async (code) => (await provisioning()).setAgencyEnd(ctx.db(), code, null, await cliOperator()));
};
