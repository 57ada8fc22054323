// Prepared statements kept per SQLite connection, by SQL text, for readRows. A statement node-sqlite3 prepares
// for one call (Database#all) costs three trips to its thread pool (prepare, run, finalize); a kept one costs one.
// SQLite re-prepares a kept statement by itself when the schema changes (sqlite3_prepare_v2), and node-sqlite3
// queues calls on one statement, so overlapping reads of the same SQL are safe. A statement is used only once it
// has prepared: node-sqlite3 never answers a call queued on a statement whose preparation failed. The least
// recently used is finalized past MAX_KEPT, which bounds what SQL built with inline values (a cursor) can hold.
// SQLite refuses to close a connection with a statement left unfinalized, so the connection's close finalizes them
// first (sequelize closes it on sequelize.close(), and at process exit).
type Callback = (err: Error | null, rows?: unknown) => void;
export interface SqliteStatement { all(params: unknown[], done: Callback): unknown; finalize(done?: () => void): unknown }
export interface SqliteDatabase {
  prepare(sql: string, done?: (err: Error | null) => void): SqliteStatement;
  close(done?: (err: Error | null) => void): unknown;
}

const MAX_KEPT = 200;
interface Kept { ready: Promise<SqliteStatement>; statement?: SqliteStatement }
const kept = new WeakMap<SqliteDatabase, Map<string, Kept>>();

function keepFor(connection: SqliteDatabase): Map<string, Kept> {
  const bySql = new Map<string, Kept>();
  kept.set(connection, bySql);
  const close = connection.close.bind(connection);
  connection.close = (done) => {
    for (const k of bySql.values()) k.statement?.finalize();
    bySql.clear();
    return close(done);
  };
  return bySql;
}

function prepare(connection: SqliteDatabase, sql: string, bySql: Map<string, Kept>): Kept {
  const entry: Kept = {
    ready: new Promise((resolve, reject) => {
      const statement = connection.prepare(sql, (err) => {
        if (!err) return resolve((entry.statement = statement));
        // not kept: the next call prepares it again, and reports its error again
        if (bySql.get(sql) === entry) bySql.delete(sql);
        reject(err);
      });
    }),
  };
  return entry;
}

/** The connection's prepared statement for this SQL; rejects with SQLite's error when it cannot be prepared. */
export function keptStatement(connection: SqliteDatabase, sql: string): Promise<SqliteStatement> {
  const bySql = kept.get(connection) ?? keepFor(connection);
  let entry = bySql.get(sql);
  if (entry) {
    // most recently used last: a Map iterates in insertion order
    bySql.delete(sql);
  } else {
    entry = prepare(connection, sql, bySql);
  }
  bySql.set(sql, entry);
  if (bySql.size > MAX_KEPT) {
    const [oldest, stale] = bySql.entries().next().value as [string, Kept];
    bySql.delete(oldest);
    // finalized once prepared: node-sqlite3 runs calls already queued on it first
    stale.ready.then((s) => s.finalize(), () => undefined);
  }
  return entry.ready;
}
