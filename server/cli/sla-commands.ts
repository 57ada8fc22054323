// sla:due — the legal deadline for a period counted from an instant, on the province's working calendar.
import type { CommandModule } from './context.js';
import { CliError } from './context.js';
import type { Db } from '../db/index.js';
import type { WorkCalendar } from '../services/sla/index.js';

// The admin's holidays (holiday:add) apply here too. On a database that was never migrated, sla:due is still
// the pure arithmetic on the built-in calendar: the contract check runs it on an empty sqlite::memory:.
async function calendarFor(db: Db, agencyId: number | null): Promise<WorkCalendar> {
  const { createCalendar, loadCalendar } = await import('../services/sla/index.js');
  try {
    return await loadCalendar(db, agencyId);
  } catch (e) {
    if (/no such table|doesn't exist/i.test(String((e as Error).message))) return createCalendar();
    throw e;
  }
}

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
      const [{ addPeriod, parsePeriod }, { toLocalIso }, { findAgencyByCode }] = await Promise.all([
        import('../services/sla/index.js'), import('../services/time/index.js'), import('../services/org/index.js'),
      ]);
      let period;
      try {
        period = parsePeriod(opts.add);
      } catch (e) {
        throw new CliError(`--add: ${(e as Error).message}`);
      }
      const agency = opts.agency ? await findAgencyByCode(ctx.db(), opts.agency) : null;
      if (opts.agency && !agency) throw new CliError(`--agency: no agency with code ${opts.agency}`);
      const due = addPeriod(from, period, await calendarFor(ctx.db(), agency?.id ?? null));
      ctx.print(opts, { due: toLocalIso(due), due_utc: due.toISOString() }, () => toLocalIso(due));
    });
};
