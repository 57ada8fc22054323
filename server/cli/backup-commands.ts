// backup --out DIR, restore DIR (services/backup). The dump holds password hashes and sealed secrets but never
// SECRET_KEY: the key is kept apart from the backups, and restore warns when the key in use cannot open them.
import type { CommandModule } from './context.js';
import { CliError } from './context.js';

const backups = () => import('../services/backup/index.js');

/** A BackupError is the operator's to fix: its message, exit 1, no stack. */
async function asCliError<T>(fn: () => Promise<T>): Promise<T> {
  const { BackupError } = await backups();
  try {
    return await fn();
  } catch (e) {
    if (e instanceof BackupError) throw new CliError(e.message, 1, { id: e.id });
    throw e;
  }
}

export const backupCommands: CommandModule = (program, ctx) => {
  program
    .command('backup')
    .description('write a consistent dump of the database and a manifest (counts, migration, audit head, sha256) to a new folder')
    .requiredOption('--out <dir>', 'a new or empty folder for this backup (created readable by you alone)')
    .option('--json', 'print the manifest as JSON')
    .addHelpText('after', [
      '',
      'MariaDB/MySQL: mariadb-dump (or mysqldump) --single-transaction, while govmail keeps running.',
      'SQLite: VACUUM INTO, a copy of one read transaction.',
      'SECRET_KEY is not in the backup: keep it apart (the sealed secrets and the audit chain need it).',
      'Restore with: govmail restore DIR (into a new, empty database).',
    ].join('\n'))
    .action(async (opts: { out: string; json?: boolean }) => {
      const { createBackup } = await backups();
      const { dir, manifest } = await asCliError(() => createBackup(ctx.db(), opts.out));
      const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
      ctx.print(opts, { dir, ...manifest }, () => [
        `backup written to ${dir}`,
        `  ${manifest.dump.file}: ${manifest.dump.bytes} bytes, sha256 ${manifest.dump.sha256}`,
        `  ${Object.keys(manifest.tables).length} tables, ${rows} rows; migration ${manifest.migration_head ?? 'none'}; audit head row ${manifest.audit_head.id} (${manifest.audit_head.seq} rows)`,
        ...(manifest.binlog ? [`  binary log position ${manifest.binlog.file}:${manifest.binlog.position} (point-in-time recovery replays from there)`] : []),
        'SECRET_KEY is not in it: keep the key apart from the backups.',
      ]);
    });

  program
    .command('restore')
    .argument('<dir>', 'a folder written by `govmail backup --out DIR`')
    .description('load a backup into the new, empty database DATABASE_URL names; checks the sha256, then the rows against the manifest')
    .option('--json', 'print JSON')
    .addHelpText('after', [
      '',
      'The target must hold no table: create a new database (MariaDB: CREATE DATABASE …) or name a new SQLite file.',
      'Set the SECRET_KEY the backup was made under: restore warns when it cannot open a sealed secret.',
      'Then run: govmail audit:verify',
    ].join('\n'))
    .action(async (dir: string, opts: { json?: boolean }) => {
      const { restoreBackup } = await backups();
      const result = await asCliError(() => restoreBackup({ url: ctx.env.DATABASE_URL, dir, secretKey: ctx.env.SECRET_KEY }));
      for (const warning of result.warnings) if (!opts.json) process.stderr.write(`govmail: warning: ${warning}\n`);
      ctx.print(opts, result, () => [
        `restored ${result.tables} tables, ${result.rows} rows (as the manifest counts); migration ${result.migration_head ?? 'none'}`,
        result.secret_key.sample ? (result.secret_key.ok ? `SECRET_KEY opens the sealed secrets (${result.secret_key.sample})` : 'SECRET_KEY does NOT open the sealed secrets (see the warning above)') : 'no sealed secret to test SECRET_KEY on',
        'Next: govmail audit:verify',
      ]);
    });
};
