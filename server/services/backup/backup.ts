// `govmail backup --out DIR`: one consistent dump of the database and its manifest. On MariaDB/MySQL
// mariadb-dump reads one snapshot (--single-transaction) while the web and workers go on writing; on SQLite
// `VACUUM INTO` copies one read transaction into a new file, through WAL, without stopping writers either.
import { createReadStream } from 'node:fs';
import { chmod, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { QueryTypes } from 'sequelize';
import { openDb, type Db } from '../../db/index.js';
import { readAuditHead } from '../audit/index.js';
import { BackupError } from './backup-error.js';
import { binlogPosition, DumpRowCounter, type BinlogPosition } from './dump-counts.js';
import { govmailVersion, MANIFEST_FILE, MANIFEST_FORMAT, MANIFEST_VERSION, sha256File, type Manifest } from './manifest.js';
import { dumpDatabase, mysqlTarget } from './mysql-tools.js';
import { countRows, migrationHead } from './table-counts.js';

export const DUMP_FILES = { sqlite: 'govmail.sqlite', mysql: 'govmail.sql' } as const;

export interface BackupResult { dir: string; manifest: Manifest }

async function prepareOutDir(dir: string): Promise<void> {
  const existing = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    throw e;
  });
  if (existing.length > 0) throw new BackupError('backup.out_not_empty', `${dir} is not empty: give a new folder for each backup, so none is overwritten`);
  // The dump holds password hashes and sealed secrets: readable by the owner only.
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700); // an empty folder given by the operator keeps its mode through mkdir
}

/** The rows per table in the dump, and its binary-log position when the server keeps a binary log. */
async function readDump(file: string): Promise<{ tables: Record<string, number>; binlog: BinlogPosition | null }> {
  const counter = new DumpRowCounter();
  let binlog: BinlogPosition | null = null;
  const lines = readline.createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    counter.line(line);
    binlog ??= binlogPosition(line);
  }
  return { tables: counter.counts(), binlog };
}

type Contents = Pick<Manifest, 'tables' | 'migration_head' | 'audit_head' | 'binlog'>;

async function backupMysql(db: Db, file: string): Promise<Contents> {
  // Read before the dump starts: the chain is append-only, so the dump's chain passes through this head.
  const audit_head = await readAuditHead(db);
  const migration_head = await migrationHead(db);
  // With a binary log, the dump records its position in it: point-in-time recovery replays from there.
  const [{ log_bin }] = await db.sequelize.query<{ log_bin: number | string }>('SELECT @@log_bin AS log_bin', { type: QueryTypes.SELECT });
  await dumpDatabase(mysqlTarget(db.url), file, { binlogPosition: Number(log_bin) === 1 });
  return { audit_head, migration_head, ...(await readDump(file)) };
}

async function backupSqlite(db: Db, file: string): Promise<Contents> {
  if (db.url === 'sqlite::memory:') throw new BackupError('backup.memory_db', 'an in-memory SQLite database cannot be backed up: DATABASE_URL names no file');
  await db.sequelize.query('VACUUM INTO :file', { replacements: { file } });
  // Counted in the copy itself, so the manifest says what the file holds.
  const copy = openDb(`sqlite:${file}`);
  try {
    return { audit_head: await readAuditHead(copy), migration_head: await migrationHead(copy), tables: await countRows(copy), binlog: null };
  } finally {
    await copy.close();
  }
}

export async function createBackup(db: Db, outDir: string, opts: { now?: Date } = {}): Promise<BackupResult> {
  const dir = path.resolve(outDir);
  await prepareOutDir(dir);
  const dumpFile = path.join(dir, DUMP_FILES[db.dialect]);
  const contents = db.dialect === 'sqlite' ? await backupSqlite(db, dumpFile) : await backupMysql(db, dumpFile);
  await chmod(dumpFile, 0o600);
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    format_version: MANIFEST_VERSION,
    created_at: (opts.now ?? new Date()).toISOString(),
    govmail_version: govmailVersion(),
    dialect: db.dialect,
    migration_head: contents.migration_head,
    audit_head: contents.audit_head,
    dump: { file: path.basename(dumpFile), bytes: (await stat(dumpFile)).size, sha256: await sha256File(dumpFile) },
    binlog: contents.binlog,
    tables: contents.tables,
  };
  await writeFile(path.join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return { dir, manifest };
}
