// roster:import and credentials:take: HR's bulk provisioning from the terminal.
import type { CommandModule } from './context.js';
import { CliError } from './context.js';
import { cliAction, CLI_ACTOR, cliOperator, parseDays } from './cli-errors.js';
import type { ImportPhase, RosterImportResult } from '../services/provisioning/index.js';

const provisioning = () => import('../services/provisioning/index.js');

const PHASE_LABEL: Record<ImportPhase, string> = { validate: 'kiểm tra', plan: 'lập kế hoạch', hash: 'mật khẩu', write: 'ghi CSDL', done: 'xong' };

async function progressBar(enabled: boolean) {
  if (!enabled || !process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar({ format: ' {phase} [{bar}] {value}/{total}', stream: process.stderr, hideCursor: true }, Presets.shades_classic);
  let phase: ImportPhase | null = null;
  return {
    update(p: { phase: ImportPhase; done: number; total: number }) {
      if (p.phase !== phase) {
        if (phase) bar.stop();
        phase = p.phase;
        bar.start(Math.max(p.total, 1), p.done, { phase: PHASE_LABEL[p.phase].padEnd(12) });
      } else bar.update(p.done);
    },
    stop: () => bar.stop(),
  };
}

function human(r: RosterImportResult, credentialFiles: { pdf: string; xlsx: string } | null): string[] {
  const lines = r.errors.map((e) => `row ${e.row}, ${e.field}: ${e.message}`);
  const verb = r.written ? '' : r.dryRun ? ' (dry run: nothing written)' : ' (nothing written)';
  lines.push(`created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}, disabled ${r.disabled}${verb}`);
  if (r.dryRun) for (const p of r.preview.filter((x) => x.action !== 'unchanged')) lines.push(`  row ${p.row} ${p.action} ${p.employee_code} ${p.full_name} → ${p.address ?? '-'}`);
  for (const t of r.transferred) lines.push(`  transferred ${t.employee_code}: ${t.from} → ${t.to}`);
  if (r.missing.length) lines.push(`missing from the file (${r.missing.length})${r.written && r.disabled ? '' : ', not disabled without --disable-missing'}: ${r.missing.join(', ')}`);
  if (credentialFiles) lines.push(`initial passwords written once to ${credentialFiles.pdf} and ${credentialFiles.xlsx}`);
  else if (r.batchId && r.credentials) lines.push(`initial passwords sealed in import ${r.batchId}: take them once with "govmail credentials:take ${r.batchId} --out DIR"`);
  return lines;
}

export const rosterCommands: CommandModule = (program, ctx) => {
  program
    .command('roster:import')
    .description('create and update staff mailboxes from a roster (CSV/XLSX: employee_code,full_name,agency_code,position[,personal_email][,status])')
    .argument('<file>', 'roster file')
    .option('--dry-run', 'validate and show what would change; write nothing')
    .option('--skip-invalid', 'import the valid rows even when other rows have errors')
    .option('--disable-missing', 'disable login of people (in the file\'s agencies) who are not in the file')
    .option('--credentials <dir>', 'write the initial passwords (PDF + XLSX) into this directory now')
    .option('--pattern <pattern>', 'address pattern, e.g. {given}.{family} (default {given}{initials})')
    .option('--quota <mb>', 'quota of new mailboxes in MB', '2048')
    .option('--alias-days <n>', 'days an old address keeps working after a transfer', '180')
    .option('--json', 'print JSON: {created, updated, unchanged, errors:[{row, field, message}], missing, …}')
    .action(cliAction(async (file: string, opts) => {
      const db = ctx.db();
      const { importRosterFile, takeCredentials, writeCredentialFiles } = await provisioning();
      const bar = await progressBar(!opts.json);
      const result = await importRosterFile(db, file, {
        actor: await cliOperator(), secretKey: ctx.env.SECRET_KEY, dryRun: !!opts.dryRun, skipInvalid: !!opts.skipInvalid,
        disableMissing: !!opts.disableMissing, pattern: opts.pattern, quotaMb: Number(opts.quota), transferAliasDays: parseDays(opts.aliasDays),
        onProgress: (p) => bar.update(p),
      }).finally(() => bar.stop());
      let files: { pdf: string; xlsx: string } | null = null;
      if (opts.credentials && result.batchId && result.credentials) {
        const items = await takeCredentials(db, result.batchId, { secretKey: ctx.env.SECRET_KEY, actor: CLI_ACTOR });
        files = await writeCredentialFiles(opts.credentials, result.batchId, items, { loginUrl: ctx.env.BASE_URL });
      }
      const { preview, ...rest } = result;
      const out = { ...rest, ...(opts.dryRun ? { preview } : {}), credential_files: files };
      ctx.print(opts, out, () => human(result, files));
      if (result.errors.length && !opts.skipInvalid) {
        throw new CliError(`${result.errors.length} error(s) in ${file}; nothing was written${opts.json ? '' : ' (see above)'}:\n` +
          result.errors.slice(0, 20).map((e) => `  row ${e.row}, ${e.field}: ${e.message}`).join('\n'));
      }
    }));

  program
    .command('credentials:take')
    .description('write the initial passwords of an import (PDF + XLSX) into DIR; works once, then they are erased')
    .argument('<batch>', 'import number printed by roster:import')
    .requiredOption('--out <dir>', 'directory for credentials-<batch>.pdf and .xlsx')
    .option('--json', 'print JSON')
    .action(cliAction(async (batch: string, opts) => {
      const { takeCredentials, writeCredentialFiles } = await provisioning();
      const items = await takeCredentials(ctx.db(), Number(batch), { secretKey: ctx.env.SECRET_KEY, actor: CLI_ACTOR });
      const files = await writeCredentialFiles(opts.out, Number(batch), items, { loginUrl: ctx.env.BASE_URL });
      ctx.print(opts, { batch: Number(batch), count: items.length, ...files }, () => `${items.length} credentials written to ${files.pdf} and ${files.xlsx}`);
    }));
};
