// One connected session of the hotline worker on one inbox: open the folder, re-seed the cursor on a
// UIDVALIDITY change, catch up from the cursor, then IDLE until the server announces mail or the inbox's poll
// interval passes, and catch up again. The session ends when its time is up (a full resync: the next session
// SELECTs afresh, which is the only moment UIDVALIDITY is re-read), when `signal` aborts (stop, lost lease,
// changed settings), or with an error (the worker backs off and reconnects).
import type { Db } from '../../db/index.js';
import type { HotlineInboxAttrs } from '../../db/models/hotline.js';
import { withImapMailbox, type ImapMailbox } from '../../mail/imap.js';
import type { IngestContext } from './ingest-context.js';
import { inboxImapConfig } from './inbox-store.js';
import type { InboxRef } from './ingest-message.js';
import { ingestStream } from './ingest-stream.js';
import { count, emptyCounts, reseedIfNeeded, skipTo, type PollCounts } from './poll-inbox.js';

export interface SessionOptions {
  secretKey: string;
  owner: string;
  leaseMs: number;
  /** longest IDLE before searching from the cursor anyway (missed EXISTS, silent servers) */
  idleMs: number;
  /** session length; afterwards the worker reconnects (full resync) */
  sessionMs: number;
  signal: AbortSignal;
  /** logged in and the folder is open: the reconnect backoff measures uptime from here */
  onConnected(): void;
  /** after each completed catch-up pass: error state and logs */
  onCaughtUp(counts: PollCounts): Promise<void>;
}

export async function runInboxSession(
  db: Db, ctx: IngestContext, inbox: HotlineInboxAttrs, agency: InboxRef['agency'], opts: SessionOptions,
): Promise<void> {
  await withImapMailbox(await inboxImapConfig(db, inbox, opts.secretKey), async (mailbox) => {
    opts.onConnected();
    const ref: InboxRef = { inbox, agency, uidValidity: mailbox.uidValidity, leaseOwner: opts.owner, leaseMs: opts.leaseMs };
    let cursor = await reseedIfNeeded(db, inbox, mailbox.uidValidity, opts.owner);
    const endsAt = Date.now() + opts.sessionMs;
    for (;;) {
      const counts = emptyCounts();
      cursor = await catchUp(db, ctx, ref, mailbox, cursor, counts, opts.signal);
      if (opts.signal.aborted) return;
      await opts.onCaughtUp(counts);
      const left = endsAt - Date.now();
      if (left <= 0) return;
      await mailbox.waitForNewMail(Math.min(opts.idleMs, left), opts.signal);
      if (opts.signal.aborted) return;
    }
  });
}

/** Ingests every UID above `cursor` in committed groups; returns the new cursor. Stops between groups on abort. */
async function catchUp(
  db: Db, ctx: IngestContext, ref: InboxRef, mailbox: ImapMailbox, cursor: number, counts: PollCounts, signal: AbortSignal,
): Promise<number> {
  const uids = await mailbox.uidsAfter(cursor);
  cursor = (await ingestStream(db, ctx, ref, mailbox.fetchSources(uids), { onCommitted: (_, o) => count(counts, o), signal })) ?? cursor;
  if (signal.aborted) return cursor;
  // UIDs expunged between SEARCH and FETCH still move the cursor, or they would be searched for forever.
  const last = uids[uids.length - 1];
  return last !== undefined && last > cursor ? skipTo(db, ref.inbox.id, ref.leaseOwner, last) : cursor;
}
