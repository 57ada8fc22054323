// One way to open a transaction, used everywhere instead of sequelize.transaction().
// - Inside a transaction already (continuation-local), it joins it instead of opening a second one: a nested
//   sequelize.transaction() would open a new SQLite connection that waits forever on the outer one's write lock.
// - On SQLite, transactions of one process run one at a time. SQLite allows one writer anyway, and node-sqlite3
//   waits for the lock on libuv's small thread pool: enough waiting transactions would occupy every thread and
//   starve the one holding the lock.
import type { Sequelize, Transaction } from 'sequelize';
import { Sequelize as SequelizeClass } from 'sequelize';

type ClsNamespace = { get(key: string): unknown };

/** The transaction the current async continuation runs in (useCLS), if any. */
export function currentTransaction(): Transaction | undefined {
  const ns = (SequelizeClass as unknown as { _cls?: ClsNamespace })._cls;
  return ns?.get('transaction') as Transaction | undefined;
}

const sqliteQueues = new WeakMap<Sequelize, Promise<unknown>>();

export async function inTransaction<T>(sequelize: Sequelize, fn: (t: Transaction) => Promise<T>): Promise<T> {
  const current = currentTransaction();
  if (current) return fn(current);
  if (sequelize.getDialect() !== 'sqlite') return sequelize.transaction(fn);
  const previous = sqliteQueues.get(sequelize) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => sequelize.transaction(fn));
  sqliteQueues.set(sequelize, run);
  return run;
}
