// sla:due — the legal deadline for a period counted from an instant, on the province's working calendar.
import type { CommandModule } from './context.js';
import { CliError } from './context.js';
import { addPeriod, createCalendar, parsePeriod, toLocalIso } from '../services/sla/index.js';

export const slaCommands: CommandModule = (program, ctx) => {
  program
    .command('sla:due')
    .description('deadline of a period counted from an instant, the way Vietnamese law counts it')
    .requiredOption('--from <iso>', 'instant of receipt, e.g. 2026-02-13T16:30:00+07:00')
    .requiredOption('--add <period>', '"N working days", "N working hours" or "N calendar days" (also "5 ngày làm việc")')
    .option('--agency <code>', "agency whose calendar applies (default: the province's)")
    .option('--json', 'print JSON')
    .action(async (opts) => {
      const from = new Date(opts.from);
      if (Number.isNaN(from.getTime())) throw new CliError(`--from "${opts.from}" is not an ISO date-time (e.g. 2026-02-13T16:30:00+07:00)`);
      let period;
      try {
        period = parsePeriod(opts.add);
      } catch (e) {
        throw new CliError(`--add: ${(e as Error).message}`);
      }
      if (opts.agency && !(await ctx.db().models.Agency.findOne({ where: { code: opts.agency } }))) {
        throw new CliError(`--agency: no agency with code ${opts.agency}`);
      }
      // Agencies share the province calendar until per-agency calendars exist.
      const due = addPeriod(from, period, createCalendar());
      ctx.print(opts, { due: toLocalIso(due), due_utc: due.toISOString() }, () => toLocalIso(due));
    });
};
