// ticket:export: one case as a zip (services/case-export), the same file the ticket page downloads, for inspections
// and courts. Written to a temporary file beside --out and renamed when complete, so a failed export leaves no
// half zip under the name asked for.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CliError, type CommandModule } from './context.js';
import { cliOperator } from './cli-errors.js';

/** The CLI operator as the export's actor: province-wide, audited under its name. */
async function exportActor() {
  const op = await cliOperator();
  return { username: op.username, role: op.role, agency_id: op.agencyId };
}

export const caseCommands: CommandModule = (program: Command, ctx) => {
  program
    .command('ticket:export')
    .description('writes a case as a zip: every mail as .eml, a PDF transcript, events and audit trail')
    .argument('<ref>', 'the case ref, e.g. STC-2026-000123')
    .requiredOption('--out <file>', 'the zip to write')
    .option('--json', 'print JSON')
    .action(async (ref: string, opts: { out: string; json?: boolean }) => {
      const [{ exportCase }, { TicketNotFoundError }] = await Promise.all([import('../services/case-export/index.js'), import('../services/tickets/index.js')]);
      const target = path.resolve(opts.out);
      const partial = `${target}.${process.pid}.part`;
      try {
        const done = await exportCase(ctx.db(), { ref, actor: await exportActor() }, fs.createWriteStream(partial));
        fs.renameSync(partial, target);
        const size = fs.statSync(target).size;
        ctx.print(opts, { ref: done.ref, out: target, bytes: size, files: done.files }, () => `${done.ref}: ${done.files.length} files, ${size} bytes → ${target}`);
      } catch (e) {
        fs.rmSync(partial, { force: true });
        if (e instanceof TicketNotFoundError) throw new CliError(`ticket ${ref} not found`);
        throw e;
      }
    });
};
