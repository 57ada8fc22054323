// The one IMAP loop over a hotline inbox. Connect, open the folder, re-seed the cursor on a UIDVALIDITY change,
// catch up from the cursor; then, unless this is a single pass (`once`: `govmail poll --once`, the one-off
// hotline.poll job, pollInbox), IDLE until the server announces mail or the inbox's poll interval passes, and
// catch up again. The session ends when its time is up (a full resync: the next session SELECTs afresh, which
// is the only moment UIDVALIDITY is re-read), when `signal` aborts (stop, lost lease, changed settings), or
// with an error (the worker backs off and reconnects; a single pass records it). The caller holds the lease.
import type { Db } from '../../db/index.js';
import { execWrite } from '../../db/index.js';
import type { HotlineInboxAttrs } from '../../db/models/hotline.js';
import type { AgencyAttrs } from '../../db/models/foundation.js';
import { withImapMailbox, type ImapMailbox } from '../../mail/imap.js';
import { audit } from '../audit/index.js';
import type { IngestContext } from './ingest-context.js';
import { inboxImapConfig } from './inbox-store.js';
import { assertAgencyOpen } from '../provisioning/index.js';
import type { IngestOutcome, InboxRef } from './ingest-message.js';
import { ingestStream } from './ingest-stream.js';

export interface PollCounts { fetched: number; tickets: number; threaded: number; auto: number; bounces: number; quarantined: number }
export const emptyCounts = (): PollCounts => ({ fetched: 0, tickets: 0, threaded: 0, auto: 0, bounces: 0, quarantined: 0 });
export function addCounts(into: PollCounts, c: PollCounts): void {
  for (const k of Object.keys(into) as (keyof PollCounts)[]) into[k] += c[k];
}

export interface SessionOptions {
  secretKey: string;
  owner: string;
  leaseMs: number;
  /** one catch-up pass, then return (no IDLE) */
  once?: boolean;
  /** longest IDLE before searching from the cursor anyway (missed EXISTS, silent servers) */
  idleMs?: number;
  /** session length; afterwards the worker reconnects (full resync) */
  sessionMs?: number;
  signal?: AbortSignal;
  /** logged in and the folder is open: the reconnect backoff measures uptime from here */
  onConnected?(): void;
  /** after each completed catch-up pass (SEARCH from the cursor, fetch and ingest), with how long it took: error state, logs, metrics */
  onCaughtUp?(counts: PollCounts, seconds: number): Promise<void>;
}

/** The agency as a session needs it: its names for ingestion, and its end to refuse an ended one. */
export type SessionAgency = InboxRef['agency'] & Pick<AgencyAttrs, 'valid_to'>;

/** The inbox row and its agency, read afresh before each session; null when the inbox is gone or inactive. */
export async function activeInbox(db: Db, inboxId: number): Promise<{ inbox: HotlineInboxAttrs; agency: SessionAgency } | null> {
  const row = await db.models.HotlineInbox.findByPk(inboxId);
  if (!row?.active) return null;
  const inbox = row.get({ plain: true }) as HotlineInboxAttrs;
  const agency = (await db.models.Agency.findByPk(inbox.agency_id, { attributes: ['id', 'code', 'name', 'valid_to'], raw: true }))!;
  return { inbox, agency: { id: agency.id, code: agency.code, name: agency.name, valid_to: agency.valid_to } };
}

export async function runInboxSession(
  db: Db, ctx: IngestContext, inbox: HotlineInboxAttrs, agency: SessionAgency, opts: SessionOptions,
): Promise<void> {
  const signal = opts.signal ?? new AbortController().signal;
  // An ended agency opens no tickets: its mail stays on the server, and the caller records why on the inbox
  // (error state, one alert per streak) for the poll and the worker alike.
  assertAgencyOpen(agency, new Date());
  await withImapMailbox(await inboxImapConfig(db, inbox, opts.secretKey), async (mailbox) => {
    opts.onConnected?.();
    const ref: InboxRef = { inbox, agency, uidValidity: mailbox.uidValidity, leaseOwner: opts.owner, leaseMs: opts.leaseMs };
    let cursor = await reseedIfNeeded(db, inbox, mailbox.uidValidity, opts.owner);
    const endsAt = Date.now() + (opts.sessionMs ?? 0);
    for (;;) {
      const counts = emptyCounts();
      const began = performance.now();
      cursor = await catchUp(db, ctx, ref, mailbox, cursor, counts, signal);
      if (signal.aborted) return;
      await opts.onCaughtUp?.(counts, (performance.now() - began) / 1000);
      const left = endsAt - Date.now();
      if (opts.once || left <= 0) return;
      await mailbox.waitForNewMail(Math.min(opts.idleMs ?? left, left), signal);
      if (signal.aborted) return;
    }
  });
}

function count(c: PollCounts, o: IngestOutcome): void {
  c.fetched++;
  if (o === 'ticket') c.tickets++;
  else if (o === 'threaded') c.threaded++;
  else if (o === 'auto') c.auto++;
  else if (o === 'bounce') c.bounces++;
  else if (o === 'quarantined') c.quarantined++;
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

async function skipTo(db: Db, inboxId: number, owner: string, uid: number): Promise<number> {
  await execWrite(db.sequelize, 'UPDATE hotline_inboxes SET last_uid = :uid WHERE id = :id AND lease_owner = :owner AND last_uid < :uid', { uid, id: inboxId, owner });
  return uid;
}

/** First connect records UIDVALIDITY; a change re-seeds the cursor at 0 and Message-ID dedupe keeps old mail old. */
async function reseedIfNeeded(db: Db, inbox: HotlineInboxAttrs, uidValidity: string, owner: string): Promise<number> {
  if (inbox.uid_validity === uidValidity) return Number(inbox.last_uid);
  await execWrite(db.sequelize, 'UPDATE hotline_inboxes SET uid_validity = :uv, last_uid = 0 WHERE id = :id AND lease_owner = :owner', { uv: uidValidity, id: inbox.id, owner });
  if (inbox.uid_validity !== null) {
    await audit(db, { actor: 'system', action: 'hotline.uidvalidity_changed', target: `hotline_inbox:${inbox.id}`, details: { from: inbox.uid_validity, to: uidValidity } });
  }
  return 0;
}
