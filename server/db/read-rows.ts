// The reads every signed-in page makes (the session, the queue's page), sent straight to the driver on the
// connection sequelize keeps for reads outside a transaction. sequelize.query costs several times such a query:
// on SQLite it formats the stack trace it captured for every result, not only for errors (errForStack.stack, made
// expensive by source maps), and before each SELECT naming a `quoted` table it reads that table's PRAGMA
// table_info to type the columns. Rows come back as the driver gives them (SQLite dates as text); read them with
// modelRow. Inside a transaction the read goes through sequelize, which runs it on the transaction's connection.
// On SQLite each SQL text is prepared once per connection and kept (sqlite-statements.ts): node-sqlite3 prepares,
// runs and finalizes a one-off statement in three trips to its thread pool, a kept one runs in one.
import { QueryTypes } from 'sequelize';
import type { Db } from './index.js';
import { dbTime } from './connect.js';
import { currentTransaction } from './transaction.js';
import { keptStatement, type SqliteDatabase } from './sqlite-statements.js';

type Row = Record<string, unknown>;
type Callback = (err: Error | null, rows?: unknown) => void;
interface MysqlConnection { query(opts: { sql: string; values: unknown[] }, done: Callback): void }
interface ConnectionManager { getConnection(opts: object): Promise<unknown>; releaseConnection(c: unknown): Promise<void> | void }

/** A failed read names its SQL; the driver's error is its `parent`, as sequelize's errors have it. */
function readError(err: Error, sql: string): Error {
  return Object.assign(new Error(`${err.message} (in: ${sql.replace(/\s+/g, ' ').slice(0, 200)})`), { parent: err });
}

/** The rows of one SELECT with `?` placeholders; a Date parameter is sent as the text its dialect stores. */
export async function readRows<T extends Row = Row>(db: Db, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  const values = params.map((v) => (v instanceof Date ? dbTime(db.sequelize, v) : v));
  if (currentTransaction()) return db.sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements: values });
  const manager = (db.sequelize as unknown as { connectionManager: ConnectionManager }).connectionManager;
  const connection = await manager.getConnection({ type: 'SELECT' });
  try {
    const statement = db.dialect === 'sqlite' ? await keptStatement(connection as SqliteDatabase, sql).catch((e: Error) => { throw readError(e, sql); }) : null;
    return await new Promise<T[]>((resolve, reject) => {
      const done: Callback = (err, rows) => (err ? reject(readError(err, sql)) : resolve(rows as T[]));
      if (statement) statement.all(values, done);
      else (connection as MysqlConnection).query({ sql, values }, done);
    });
  } finally {
    // as sequelize.query does: MariaDB's connection goes back to the pool; SQLite's shared one stays open
    await manager.releaseConnection(connection);
  }
}
