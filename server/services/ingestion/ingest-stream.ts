// Ingests a fetch stream in groups: up to GROUP_MAX_MESSAGES (or GROUP_MAX_BYTES of raw mail) per transaction.
// A commit costs an fsync, and on SQLite sequelize opens a fresh connection per transaction, so one commit per
// message made the database the bottleneck (scripts/bench/README.md). A group is still all or nothing with its cursor
// advance, so "a commit means never fetched again" holds per group. A group that fails for a reason other than
// a lost lease is retried one message per transaction: the messages before the bad one commit, and the error
// surfaces at exactly the UID that caused it, as it did before grouping.
//
// Three things overlap: fetching, preparing (parse and classify, on the prepare thread: prepare-thread.ts) and
// the previous group's commit (the database executes statements and syncs on other threads: libuv's pool, or
// the MariaDB server). Commits still run one at a time in UID order, and the stream never returns or throws
// with one in flight. Reading runs up to GROUPS_AHEAD groups ahead, so the prepare thread always has mail
// while a commit waits on the database; one group ahead left both threads idle a quarter of the time.
import type { Db } from '../../db/index.js';
import type { IngestContext } from './ingest-context.js';
import { commitMessages, LeaseLostError, type IngestOutcome } from './ingest-message.js';
import { prepareMessage, type FetchedRaw, type InboxRef, type PreparedMessage } from './prepared-message.js';

export const GROUP_MAX_MESSAGES = 250;
export const GROUP_MAX_BYTES = 8 * 1024 * 1024;
/**
 * How far reading may run ahead of the commits: the groups read (or being read) behind the one committing.
 * At most GROUPS_AHEAD + 1 groups are in memory.
 */
export const GROUPS_AHEAD = 2;

export interface StreamOptions {
  /** called after each commit, in UID order */
  onCommitted(uid: number, outcome: IngestOutcome): void;
  /** stop reading after the current group (shutdown, lost lease) */
  signal?: AbortSignal;
}

async function commitGroup(db: Db, ctx: IngestContext, ref: InboxRef, group: PreparedMessage[], opts: StreamOptions): Promise<void> {
  let outcomes: IngestOutcome[];
  try {
    outcomes = await commitMessages(db, ctx, ref, group);
  } catch (e) {
    if (e instanceof LeaseLostError || group.length === 1) throw e;
    for (const p of group) {
      const [outcome] = await commitMessages(db, ctx, ref, [p]);
      opts.onCommitted(p.msg.uid, outcome);
    }
    return;
  }
  group.forEach((p, i) => opts.onCommitted(p.msg.uid, outcomes[i]));
}

/** Reads `stream` to its end (or until `signal` aborts), committing group by group; returns the last committed UID or null. */
export async function ingestStream(
  db: Db, ctx: IngestContext, ref: InboxRef, stream: AsyncIterable<FetchedRaw>, opts: StreamOptions,
): Promise<number | null> {
  let group: Promise<PreparedMessage>[] = [];
  let bytes = 0;
  let last: number | null = null;
  let failure: unknown = null;
  // Commits run one after another on this chain; `queued` holds, oldest first, each queued group's place on
  // it. A link never rejects: the first failure is kept and every later group is skipped.
  let chain: Promise<void> = Promise.resolve();
  const queued: Promise<void>[] = [];
  const queueCommit = () => {
    if (!group.length) return;
    const preparing = group;
    group = [];
    bytes = 0;
    chain = chain.then(async () => {
      if (failure) return;
      try {
        const full = await Promise.all(preparing);
        await commitGroup(db, ctx, ref, full, opts);
        last = full[full.length - 1].msg.uid;
      } catch (e) {
        failure = e ?? new Error('group commit failed');
      }
    });
    queued.push(chain);
  };
  try {
    for await (const msg of stream) {
      const prepared = prepareMessage(ctx, msg);
      prepared.catch(() => undefined); // awaited at the commit; until then a rejection must not count as unhandled
      group.push(prepared);
      bytes += msg.source.length;
      if (group.length < GROUP_MAX_MESSAGES && bytes < GROUP_MAX_BYTES) continue;
      queueCommit();
      // Back-pressure: reading goes on while the oldest queued group commits, at most GROUPS_AHEAD groups ahead.
      while (queued.length > GROUPS_AHEAD) await queued.shift();
      if (failure || opts.signal?.aborted) break;
    }
    queueCommit();
  } finally {
    await chain;
  }
  if (failure) throw failure;
  return last;
}
