// metrics (DESIGN.md §6 contract) and metrics:export: leaders' numbers in working hours, and the per-ticket
// export with no row cap.
import fs from 'node:fs';
import type { Command } from 'commander';
import { CliError, type CommandModule } from './context.js';
import { MetricsInputError, PeriodError, exportMetrics, parseBound, responseMetrics, type GroupMetrics, type MetricsQuery } from '../services/metrics/index.js';

interface PeriodOpts { from?: string; to?: string; agency?: string; asOf?: string }

function withPeriodOptions(cmd: Command): Command {
  return cmd
    .option('--from <date>', 'first day received (YYYY-MM-DD, local) or an ISO instant; default: no lower bound')
    .option('--to <date>', 'last day received, included (YYYY-MM-DD, local) or an ISO instant (excluded)')
    .option('--agency <code>', 'only this agency')
    .option('--as-of <iso>', 'describe the state at this instant (default: now)');
}

function queryOf(opts: PeriodOpts): MetricsQuery {
  try {
    return {
      from: opts.from ? parseBound(opts.from, 'from') : undefined,
      to: opts.to ? parseBound(opts.to, 'to') : undefined,
      agencyCode: opts.agency,
      asOf: opts.asOf ? parseBound(opts.asOf, 'to') : undefined,
    };
  } catch (e) {
    if (e instanceof PeriodError) throw new CliError(e.message);
    throw e;
  }
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof MetricsInputError) throw new CliError(e.message);
    throw e;
  }
}

const hours = (v: number | null) => (v === null ? '–' : `${v}h`);
const line = (label: string, m: GroupMetrics) =>
  `${label}\treceived ${m.received}\ton time ${m.on_time}\tlate ${m.late}\topen ${m.open}${m.referred ? `\treferred ${m.referred}` : ''}` +
  `\tfirst response p50 ${hours(m.first_response_median_hours)} p90 ${hours(m.first_response_p90_hours)}` +
  `\tresolution p50 ${hours(m.resolution_median_hours)} p90 ${hours(m.resolution_p90_hours)}`;

export const metricsCommands: CommandModule = (program, ctx) => {
  withPeriodOptions(program.command('metrics'))
    .description('per agency: received, on time, late, open, median/p90 first response and resolution (working hours)')
    .option('--by <group>', 'agency (default), category or week', 'agency')
    .option('--json', 'print JSON: an array with one object per agency (or category / week)')
    .action(async (opts: PeriodOpts & { by: string; json?: boolean }) => {
      if (!['agency', 'category', 'week'].includes(opts.by)) throw new CliError(`--by: expected agency, category or week, not ${opts.by}`);
      const report = await guarded(() => responseMetrics(ctx.db(), queryOf(opts)));
      const rows = opts.by === 'agency' ? report.agencies : opts.by === 'category' ? report.categories : report.weeks;
      ctx.print(opts, rows, () => [
        ...report.agencies.map((a) => line(a.agency, a)),
        line('TOTAL', report.total),
      ]);
    });

  withPeriodOptions(program.command('metrics:export'))
    .description('one row per ticket (no row cap), streamed as CSV or XLSX')
    .requiredOption('--format <format>', 'csv or xlsx')
    .requiredOption('--out <file>', 'file to write')
    .option('--json', 'print JSON')
    .action(async (opts: PeriodOpts & { format: string; out: string; json?: boolean }) => {
      if (opts.format !== 'csv' && opts.format !== 'xlsx') throw new CliError(`--format: expected csv or xlsx, not ${opts.format}`);
      const query = queryOf(opts);
      const format = opts.format;
      const { rows } = await guarded(async () => {
        const out = fs.createWriteStream(opts.out);
        try {
          return await exportMetrics(ctx.db(), query, format, out);
        } catch (e) {
          out.destroy();
          fs.rmSync(opts.out, { force: true });
          throw e;
        }
      });
      ctx.print(opts, { file: opts.out, format, rows }, () => `wrote ${rows} tickets to ${opts.out}`);
    });
};
