// A write that lost to a concurrent one and was rolled back: InnoDB's deadlock victim, and on Galera also a
// transaction that failed certification at COMMIT or was aborted by a replicated write (both report 1213,
// ER_LOCK_DEADLOCK). Nothing of it committed, so the caller may run it again or count it as lost.
const ER_LOCK_DEADLOCK = 1213;

export function isWriteConflict(e: unknown): boolean {
  const err = e as { errno?: unknown; parent?: { errno?: unknown }; original?: { errno?: unknown } } | null;
  return [err?.errno, err?.parent?.errno, err?.original?.errno].includes(ER_LOCK_DEADLOCK);
}
