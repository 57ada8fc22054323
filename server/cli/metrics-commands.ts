// metrics (DESIGN.md §6 contract), metrics:export and metrics:report: leaders' numbers in working hours, the per-ticket
// export with no row cap, and the monthly, quarterly or half-yearly report (services/reports).
import fs from 'node:fs';
import type { Command } from 'commander';
import { CliError, type CommandModule } from './context.js';
import { cliOperator } from './cli-errors.js';
import type { GroupMetrics, MetricsQuery } from '../services/metrics/index.js';
import type { ReportFormat } from '../services/reports/index.js';

type Metrics = typeof import('../services/metrics/index.js');
const metrics = (): Promise<Metrics> => import('../services/metrics/index.js');

interface PeriodOpts { from?: string; to?: string; agency?: string; asOf?: string }

function withPeriodOptions(cmd: Command): Command {
  return cmd
    .option('--from <date>', 'first day received (YYYY-MM-DD, local) or an ISO instant; default: no lower bound')
    .option('--to <date>', 'last day received, included (YYYY-MM-DD, local) or an ISO instant (excluded)')
    .option('--agency <code>', 'only this agency')
    .option('--as-of <iso>', 'describe the state at this instant (default: now)');
}

function queryOf({ parseBound, PeriodError }: Metrics, opts: PeriodOpts): MetricsQuery {
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
    const { MetricsInputError, MetricsForbiddenError, RollupBusyError } = await metrics();
    if (e instanceof MetricsInputError || e instanceof MetricsForbiddenError || e instanceof RollupBusyError) throw new CliError(e.message);
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
    .option('--by <group>', 'agency (default), category, class, month or week', 'agency')
    .option('--dashboard', 'the whole dashboard as of now (breach reasons, backlog aging in working days, weekly and monthly trend, referrals, hotline health, mailbox coverage); with --json one object')
    .option('--json', 'print JSON: an array with one object per agency (or category / class / month / week); with --dashboard one object')
    .action(async (opts: PeriodOpts & { by: string; json?: boolean; dashboard?: boolean }) => {
      const groups = { agency: 'agencies', category: 'categories', class: 'classes', month: 'months', week: 'weeks' } as const;
      if (!(opts.by in groups)) throw new CliError(`--by: expected agency, category, class, month or week, not ${opts.by}`);
      const m = await metrics();
      if (opts.dashboard) {
        if (opts.asOf) throw new CliError('--dashboard describes now (the backlog\'s age, hotline health); leave out --as-of');
        const { from, to, agencyCode } = queryOf(m, opts);
        const operator = await cliOperator();
        const d = await guarded(() => m.dashboard(ctx.db(), operator, { from, to, agencyCode }));
        const agingKeys = m.AGING_BUCKETS.map((b) => b.key);
        ctx.print(opts, d, () => [
          ...d.agencies.map((a) => line(a.agency, a)),
          line('TOTAL', d.total),
          `breach ${d.breach.pct ?? '–'}% (${d.breach.breached}/${d.breach.judged})\tbacklog ${agingKeys.map((k) => `${k}: ${d.aging.total[k]}`).join(' ')} working days`,
          `referred ${d.referrals.referred}, within 5 working days ${d.referrals.within_target_pct ?? '–'}%`,
        ]);
        return;
      }
      // only the breakdown printed is summed: JSON prints the --by group, text the agencies and the total
      const only = !opts.json ? ['agencies' as const] : opts.by === 'week' ? [] : [groups[opts.by as Exclude<keyof typeof groups, 'week'>]];
      const report = await guarded(() => m.responseMetrics(ctx.db(), { ...queryOf(m, opts), weeks: opts.by === 'week', only }));
      const rows = report[groups[opts.by as keyof typeof groups]];
      ctx.print(opts, rows, () => [
        ...report.agencies.map((a) => line(a.agency, a)),
        line('TOTAL', report.total),
      ]);
    });

  withPeriodOptions(program.command('metrics:export'))
    .description('one row per ticket (no row cap), streamed as CSV or XLSX')
    .requiredOption('--format <format>', 'csv or xlsx')
    .requiredOption('--out <file>', 'file to write')
    .option('--json', 'print JSON: {file, format, rows} (and sheets: how many ticket sheets, for XLSX)')
    .action(async (opts: PeriodOpts & { format: string; out: string; json?: boolean }) => {
      if (opts.format !== 'csv' && opts.format !== 'xlsx') throw new CliError(`--format: expected csv or xlsx, not ${opts.format}`);
      const m = await metrics();
      const query = queryOf(m, opts);
      const format = opts.format;
      const { rows, sheets } = await guarded(async () => {
        const out = fs.createWriteStream(opts.out);
        try {
          return await m.exportMetrics(ctx.db(), query, format, out);
        } catch (e) {
          out.destroy();
          fs.rmSync(opts.out, { force: true });
          throw e;
        }
      });
      ctx.print(opts, { file: opts.out, format, rows, ...(sheets ? { sheets } : {}) }, () => `wrote ${rows} tickets to ${opts.out}${sheets && sheets > 1 ? ` on ${sheets} sheets` : ''}`);
    });

  program.command('metrics:report')
    .description('the monthly, quarterly or half-yearly report (received, on time, late, in progress per agency and category) as PDF or XLSX')
    .requiredOption('--period <period>', 'a month (2026-11), a quarter (2026-Q3) or a half-year (2026-H1), local dates')
    .option('--agency <code>', 'only this agency (default: the whole province, per agency)')
    .requiredOption('--format <format>', 'pdf or xlsx')
    .requiredOption('--out <file>', 'file to write')
    .option('--json', 'print JSON: {file, format, period, from, to, bytes}')
    .action(async (opts: { period: string; agency?: string; format: string; out: string; json?: boolean }) => {
      const { parseReportPeriod, REPORT_FORMATS, reportFile, ReportPeriodError } = await import('../services/reports/index.js');
      if (!REPORT_FORMATS.includes(opts.format as ReportFormat)) throw new CliError(`--format: expected pdf or xlsx, not ${opts.format}`);
      let period;
      try {
        period = parseReportPeriod(opts.period);
      } catch (e) {
        throw e instanceof ReportPeriodError ? new CliError(`--period: ${e.message}`) : e;
      }
      const operator = await cliOperator();
      const file = await guarded(() => reportFile(ctx.db(), operator, period, opts.format as ReportFormat, opts.agency));
      fs.writeFileSync(opts.out, file.content);
      ctx.print(opts, { file: opts.out, format: opts.format, period: period.key, from: period.first, to: period.last, bytes: file.content.length },
        () => `wrote the ${period.key} report to ${opts.out} (${file.content.length} bytes)`);
    });

  program.command('metrics:refresh')
    .description('catch the rollups up with the tickets and events written since the last refresh (the scheduler does this every minute)')
    .option('--json', 'print JSON: {tickets, changed, batches, busy}')
    .action(async (opts: { json?: boolean }) => {
      const { refreshRollups } = await metrics();
      const r = await refreshRollups(ctx.db());
      ctx.print(opts, r, () => (r.busy ? 'a rebuild is running; nothing done' : `${r.tickets} tickets looked at, ${r.changed} changed`));
    });

  program.command('metrics:rebuild')
    .description('recompute every rollup from the tickets\' events (after a calendar change, or when metrics:verify reports a difference)')
    .option('--json', 'print JSON: {tickets, day_rows, week_rows, month_rows, year_rows, seconds}')
    .action(async (opts: { json?: boolean }) => {
      const progress = opts.json || !process.stderr.isTTY ? undefined : (n: number) => process.stderr.write(`\r${n} tickets`);
      const { rebuildRollups } = await metrics();
      const r = await guarded(() => rebuildRollups(ctx.db(), { onProgress: progress }));
      if (progress) process.stderr.write('\n');
      ctx.print(opts, r, () => `rebuilt from ${r.tickets} tickets: ${r.day_rows} day rows, ${r.week_rows} week rows, ${r.month_rows} month rows, ${r.year_rows} year rows in ${r.seconds} s`);
    });

  program.command('metrics:verify')
    .description('compare the rollups with a full recompute from the events; exit 1 with the first differences if they disagree')
    .option('--no-refresh', 'check the rollups as they stand, without catching up first')
    .option('--limit <n>', 'how many differences to list', '20')
    .option('--json', 'print JSON: {ok, checked, differences: [{table, key, stored, expected}]}')
    .action(async (opts: { json?: boolean; refresh: boolean; limit: string }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit: expected a positive whole number, not ${opts.limit}`);
      const { refreshRollups, verifyRollups } = await metrics();
      if (opts.refresh) await refreshRollups(ctx.db());
      const r = await verifyRollups(ctx.db(), { limit });
      ctx.print(opts, r, () => [
        `checked ${r.checked.facts} tickets, ${r.checked.day_rows} day rows, ${r.checked.week_rows} week rows, ${r.checked.month_rows} month rows, ${r.checked.year_rows} year rows: ${r.ok ? 'the rollups agree' : 'DIFFERENCES'}`,
        ...r.differences.map((d) => `${d.table} ${d.key}: stored ${JSON.stringify(d.stored)} expected ${JSON.stringify(d.expected)}`),
      ]);
      if (!r.ok) throw new CliError('the rollups differ from a full recompute: run govmail metrics:rebuild', 1);
    });
};
