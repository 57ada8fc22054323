// `govmail restore DIR`: loads a backup into a new, empty database and proves it arrived whole. The order is
// the operator's safety: the target must hold no table (a restore never merges into or overwrites live data),
// the dump must match the manifest's sha256 before anything is loaded, and the restored rows must match the
// manifest's counts table by table afterwards.
import { copyFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { openDb, sqliteFile, type Db } from '../../db/index.js';
import { BackupError } from './backup-error.js';
import { readManifest, sha256File, type Manifest } from './manifest.js';
import { loadDump, mysqlTarget } from './mysql-tools.js';
import { checkSecretKey, type KeyCheck } from './secret-sample.js';
import { countRows, listTables, migrationHead } from './table-counts.js';

export interface RestoreResult {
  dialect: Manifest['dialect'];
  tables: number;
  rows: number;
  migration_head: string | null;
  audit_head: Manifest['audit_head'];
  secret_key: KeyCheck;
  warnings: string[];
}

async function refuseNonEmpty(url: string): Promise<void> {
  const db = openDb(url);
  try {
    let tables: string[];
    try {
      tables = await listTables(db);
    } catch (e) {
      const name = db.dialect === 'mysql' ? mysqlTarget(url).database : url;
      throw new BackupError('backup.target_unreachable', `cannot open the target database (${(e as Error).message}); create it first, empty: CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    }
    if (tables.length > 0) {
      throw new BackupError('backup.target_not_empty', `the target database is not empty (${tables.length} tables: ${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}): `
        + 'restore only into a new, empty database, then point DATABASE_URL at it; nothing was changed');
    }
  } finally {
    await db.close();
  }
}

async function checkDump(dir: string, manifest: Manifest): Promise<string> {
  const file = path.join(dir, manifest.dump.file);
  const size = await stat(file).then((s) => s.size, () => null);
  if (size === null) throw new BackupError('backup.no_dump', `${file} is missing: the backup is incomplete; nothing was restored`);
  if (size !== manifest.dump.bytes || (await sha256File(file)) !== manifest.dump.sha256) {
    throw new BackupError('backup.corrupt', `${file} does not match the sha256 in the manifest: the dump is damaged or altered; nothing was restored (take another backup copy)`);
  }
  return file;
}

/** SQLite: the checked copy becomes the database file (written beside it, then renamed, so no half file remains). */
async function loadSqlite(url: string, dump: string): Promise<void> {
  const target = sqliteFile(url);
  if (target === ':memory:') throw new BackupError('backup.memory_db', 'DATABASE_URL names an in-memory SQLite database: restore into a file');
  // refuseNonEmpty opened it and found no table; what it left (an empty file, WAL leftovers) goes.
  await Promise.all(['', '-wal', '-shm'].map((s) => rm(`${target}${s}`, { force: true })));
  await copyFile(dump, `${target}.restoring`);
  await rename(`${target}.restoring`, target);
}

function countMismatches(expected: Record<string, number>, actual: Record<string, number>): string[] {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return names.filter((t) => expected[t] !== actual[t]).map((t) => `${t}: ${actual[t] ?? 'missing'} rows, the manifest says ${expected[t] ?? 'no such table'}`);
}

async function verifyRestored(db: Db, manifest: Manifest, secretKey: string): Promise<RestoreResult> {
  const counts = await countRows(db);
  const mismatches = countMismatches(manifest.tables, counts);
  if (mismatches.length > 0) {
    throw new BackupError('backup.count_mismatch', `the restored database does not hold what the manifest counts (${mismatches.slice(0, 5).join('; ')}): drop it and restore again into an empty database`);
  }
  const head = await migrationHead(db);
  if (head !== manifest.migration_head) {
    throw new BackupError('backup.migration_mismatch', `the restored database's last migration is ${head ?? 'none'}, the manifest says ${manifest.migration_head ?? 'none'}`);
  }
  const secret_key = await checkSecretKey(db, secretKey);
  return {
    dialect: manifest.dialect,
    tables: Object.keys(counts).length,
    rows: Object.values(counts).reduce((a, b) => a + b, 0),
    migration_head: head,
    audit_head: manifest.audit_head,
    secret_key,
    warnings: secret_key.warning ? [secret_key.warning] : [],
  };
}

export async function restoreBackup(input: { url: string; dir: string; secretKey: string }): Promise<RestoreResult> {
  const dir = path.resolve(input.dir);
  const manifest = await readManifest(dir);
  const dialect = input.url.startsWith('sqlite:') ? 'sqlite' : 'mysql';
  if (dialect !== manifest.dialect) {
    throw new BackupError('backup.dialect_mismatch', `this is a ${manifest.dialect === 'sqlite' ? 'SQLite' : 'MariaDB/MySQL'} backup and DATABASE_URL names a ${dialect === 'sqlite' ? 'SQLite' : 'MariaDB/MySQL'} database: restore it into the same kind`);
  }
  await refuseNonEmpty(input.url);
  const dump = await checkDump(dir, manifest);
  if (dialect === 'sqlite') await loadSqlite(input.url, dump);
  else await loadDump(mysqlTarget(input.url), dump);
  const db = openDb(input.url);
  try {
    return await verifyRestored(db, manifest, input.secretKey);
  } finally {
    await db.close();
  }
}
