// Pipelining the statements of one transaction: each is started without waiting for the one before (the rows of
// the next are built while the last runs on SQLite's libuv pool or at MariaDB), then all are awaited.
// A failure is thrown only once none is still running: a statement left queued behind the ROLLBACK would run
// outside the transaction.
export async function concurrently(statements: (() => Promise<unknown>)[]): Promise<void> {
  const started: Promise<unknown>[] = [];
  let error: unknown = null;
  for (const statement of statements) {
    try {
      started.push(statement());
    } catch (e) {
      error = e;
      break;
    }
  }
  for (const result of await Promise.allSettled(started)) if (result.status === 'rejected' && error === null) error = result.reason;
  if (error !== null) throw error;
}
