// readRows' kept SQLite statements (server/db/sqlite-statements.ts), on a real in-memory node-sqlite3 database: a
// statement is prepared once per SQL text and reused with new parameters, one that fails to prepare is not kept,
// the least recently used is finalized past the bound, and the connection still closes with statements kept.
import { expect } from 'chai';
import { createRequire } from 'node:module';
import { keptStatement, type SqliteDatabase } from '../../../server/db/sqlite-statements.js';

const sqlite3 = createRequire(import.meta.url)('sqlite3') as { Database: new (file: string) => SqliteDatabase & { exec(sql: string, done: (e: Error | null) => void): void } };

async function all(db: SqliteDatabase, sql: string, params: unknown[] = []): Promise<unknown[]> {
  const statement = await keptStatement(db, sql);
  return new Promise((resolve, reject) => statement.all(params, (e, rows) => (e ? reject(e) : resolve(rows as unknown[]))));
}

describe('kept SQLite statements', () => {
  let db: ReturnType<typeof open>;
  const open = () => new sqlite3.Database(':memory:');
  beforeEach(async () => {
    db = open();
    await new Promise<void>((resolve, reject) => db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t VALUES (1, 'một'), (2, 'hai')", (e) => (e ? reject(e) : resolve())));
  });
  afterEach(() => new Promise<void>((resolve, reject) => db.close((e) => (e ? reject(e) : resolve()))));

  it('prepares a SQL text once and runs it again with other parameters', async () => {
    const sql = 'SELECT name FROM t WHERE id = ?';
    expect(await all(db, sql, [1])).to.deep.equal([{ name: 'một' }]);
    const first = await keptStatement(db, sql);
    expect(await all(db, sql, [2])).to.deep.equal([{ name: 'hai' }]);
    expect(await keptStatement(db, sql)).to.equal(first);
    // overlapping reads of one statement each get their own rows
    expect(await Promise.all([all(db, sql, [1]), all(db, sql, [2]), all(db, sql, [3])])).to.deep.equal([[{ name: 'một' }], [{ name: 'hai' }], []]);
  });

  it('reports a statement that cannot be prepared, and does not keep it', async () => {
    const failed = keptStatement(db, 'SELECT nope FROM t');
    let error: Error | undefined;
    await failed.catch((e: Error) => { error = e; });
    expect(error?.message).to.match(/no such column: nope/);
    const again = keptStatement(db, 'SELECT nope FROM t');
    expect(again).to.not.equal(failed);
    await again.then(() => expect.fail('prepared a statement naming a missing column'), (e: Error) => expect(e.message).to.match(/no such column/));
  });

  it('finalizes the least recently used past 200, keeping the ones in use', async () => {
    const hot = 'SELECT id FROM t WHERE id = 1';
    const kept = keptStatement(db, hot);
    const firstCold = keptStatement(db, 'SELECT 0 AS n');
    for (let i = 0; i < 250; i++) {
      await all(db, `SELECT ${i} AS n`);
      if (i % 50 === 0) await all(db, hot);
    }
    expect(keptStatement(db, hot)).to.equal(kept);
    // the first cold one was finalized and is prepared anew, and still answers
    expect(keptStatement(db, 'SELECT 0 AS n')).to.not.equal(firstCold);
    expect(await all(db, 'SELECT 0 AS n')).to.deep.equal([{ n: 0 }]);
  });

  it('closes a connection that has statements kept (SQLite refuses while one is unfinalized)', async () => {
    const other = open();
    await all(other, 'SELECT 1 AS x');
    await new Promise<void>((resolve, reject) => other.close((e) => (e ? reject(e) : resolve())));
  });
});
