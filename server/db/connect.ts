// Opens the database named by a URL. SQLite is the embedded default; mysql:// (MariaDB or MySQL) is for more
// than one process or machine. All times are stored in UTC; the calendar code converts to Asia/Ho_Chi_Minh.
import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { promisify } from 'node:util';
import { Sequelize, Transaction, QueryTypes } from 'sequelize';
import { TransactionContext } from './transaction-context.js';

// Continuation-local transactions: inside `sequelize.transaction(async () => …)` every query joins the
// transaction without passing it by hand. Without this, one forgotten `{ transaction }` on SQLite waits on
// the transaction's own write lock until SQLITE_BUSY.
Sequelize.useCLS(new TransactionContext());

export type Dialect = 'sqlite' | 'mysql';

export function dialectOf(url: string): Dialect {
  return url.startsWith('sqlite:') ? 'sqlite' : 'mysql';
}

/** `sqlite:data/x.sqlite` or `sqlite:/abs/x.sqlite` → file path; `sqlite::memory:` → ':memory:'. */
export function sqliteFile(url: string): string {
  const rest = url.slice('sqlite:'.length).replace(/^\/\//, '');
  return rest === ':memory:' ? rest : path.resolve(rest);
}

const SQLITE_BUSY_TIMEOUT_MS = 15_000;

/**
 * sequelize opens a new SQLite connection per transaction and runs no connect hook for SQLite, so the busy
 * timeout is set where each connection is made. Without it a second writer fails at once with SQLITE_BUSY
 * instead of waiting its turn. WAL lets readers (the web) go on while a writer (ingestion) commits.
 */
class BusyTolerantDatabase extends sqlite3.Database {
  constructor(file: string, mode: number, callback?: (err: Error | null) => void) {
    super(file, mode, callback);
    this.configure('busyTimeout', SQLITE_BUSY_TIMEOUT_MS);
    if (file !== ':memory:') this.run('PRAGMA journal_mode=WAL', () => undefined);
  }
}
const sqliteWithBusyTimeout = { ...sqlite3, Database: BusyTolerantDatabase };

export function openSequelize(url: string, opts: { logging?: boolean } = {}): Sequelize {
  const logging = opts.logging ? (sql: string) => process.stderr.write(`${sql}\n`) : false;
  if (dialectOf(url) === 'sqlite') {
    const storage = sqliteFile(url);
    if (storage !== ':memory:') fs.mkdirSync(path.dirname(storage), { recursive: true });
    const sequelize = new Sequelize({
      dialect: 'sqlite',
      dialectModule: sqliteWithBusyTimeout,
      storage,
      logging,
      // IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of failing with SQLITE_BUSY
      // when both try to upgrade a read lock.
      transactionType: Transaction.TYPES.IMMEDIATE,
      retry: { max: 10, match: [/SQLITE_BUSY/] },
      define: { underscored: true },
    });
    return sequelize;
  }
  return new Sequelize(url.replace(/^mariadb:/, 'mysql:'), {
    dialect: 'mysql',
    logging,
    hooks: { afterConnect: pinSqlMode },
    timezone: '+00:00',
    dialectOptions: { charset: 'utf8mb4', dateStrings: false, supportBigNumbers: true },
    define: { underscored: true, charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    pool: { max: 10, min: 0, idle: 10_000 },
  });
}

/**
 * The sql_mode every MySQL/MariaDB connection runs in, whatever the server's my.cnf says. mysql2 and sequelize
 * escape text with backslashes (' → \'); a server default with NO_BACKSLASH_ESCAPES reads \' as a backslash
 * and the end of the string, and escaped text becomes SQL. This is MariaDB's default mode without
 * NO_AUTO_CREATE_USER (about GRANT only, and unknown to MySQL 8), valid on MariaDB 10.3+ and MySQL 5.7+.
 */
export const PINNED_SQL_MODE = 'STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION';

/** sequelize's afterConnect hook: runs on every connection its pool opens, before any query is sent on it. */
async function pinSqlMode(connection: unknown): Promise<void> {
  const driver = connection as { query(sql: string, done: (e: Error | null) => void): void };
  await promisify((done: (e: Error | null) => void) => driver.query(`SET SESSION sql_mode = '${PINNED_SQL_MODE}'`, done))();
}

/**
 * Runs an UPDATE/DELETE and returns how many rows it changed. Job claims and leases depend on this count:
 * the process whose conditional UPDATE changed the row is the one owner.
 */
export async function execWrite(
  sequelize: Sequelize,
  sql: string,
  rawReplacements: Record<string, unknown>,
  transaction?: Transaction,
): Promise<number> {
  const replacements = withDbTimes(sequelize, rawReplacements);
  if (sequelize.getDialect() === 'sqlite') {
    // sequelize's sqlite query returns the statement's `changes` as the second element for UPDATE/DELETE.
    const [, changes] = (await sequelize.query(sql, { replacements, transaction, type: QueryTypes.UPDATE })) as unknown as [unknown, number];
    return changes;
  }
  const [result] = (await sequelize.query(sql, { replacements, transaction, type: QueryTypes.RAW })) as unknown as [{ affectedRows: number }];
  return result.affectedRows;
}

/**
 * A Date as the text each dialect stores. sequelize's raw-query escaping drops the milliseconds of a Date on
 * MySQL, which makes `run_after <= :now` miss rows written a few ms earlier; model queries keep them.
 * So raw SQL passes times through here.
 */
export function dbTime(sequelize: Sequelize, date: Date): string {
  const iso = date.toISOString(); // 2026-11-25T19:08:01.093Z
  const text = `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
  return sequelize.getDialect() === 'sqlite' ? `${text} +00:00` : text;
}

export function withDbTimes(sequelize: Sequelize, replacements: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(replacements).map(([k, v]) => [k, v instanceof Date ? dbTime(sequelize, v) : v]));
}
