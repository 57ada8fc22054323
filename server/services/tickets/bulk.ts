// Bulk actions of the queue (issue 14 item 1): assign, status or category on many tickets, each through the
// single-ticket action (actions.ts, status.ts, reclassify.ts), so each one obeys the same scope, role and
// read-only rules and writes its own event and audit row; a ticket refused is reported, the others still change.
// The queue's form carries the highest event id when the queue was drawn (sealBulkMark): a ticket someone else changed
// since is refused as 'changed', with what changed, in its own action's transaction (the single-ticket stale check),
// unless the person confirms. The id is the province's, so the form carries it sealed (sealBulkMark): in clear, an
// officer reloading the queue would watch how busy every other agency is.
import type { Db } from '../../db/index.js';
import { env } from '../../config/env.js';
import { openSecret, sealSecret } from '../crypto/index.js';
import { assignTicket } from './actions.js';
import { setStatus } from './status.js';
import { reclassifyTicket } from './reclassify.js';
import type { Actor } from './scope.js';
import { TicketStaleError, type Seen, type TicketChange } from './staleness.js';
import { TicketForbiddenError, TicketInputError, TicketNotFoundError } from './errors.js';

export const BULK_MAX_TICKETS = 100;

export type BulkAction =
  | { kind: 'assign'; assigneeId: number | null }
  | { kind: 'status'; status: string }
  | { kind: 'category'; category: string | null };

/** not_found also covers another agency's ticket (never "exists elsewhere"). */
export type BulkRefusal = 'not_found' | 'forbidden' | 'invalid' | 'changed';

export interface BulkResult { changed: string[]; unchanged: string[]; refused: { ref: string; reason: BulkRefusal; changes?: TicketChange[] }[] }

/** Digits of the sealed id: every mark is as long as any other, so not even its length tells the id. */
const MARK_DIGITS = 15;

/**
 * The bulk form's mark: the highest event id read before the queue's tickets (listQueue's lastEventId), the version
 * its tickets were seen at, sealed (AES-GCM, a fresh IV each time, SECRET_KEY), so two marks differ even with
 * nothing changed and tell the officer nothing of other agencies' events. Highest in the province rather than in the
 * officer's scope: one index read, and the stale check only needs an id no later than any change it must catch.
 * Never put the id in a form unsealed: a bare number posts back as no mark at all.
 */
export function sealBulkMark(lastEventId: number): string {
  return sealSecret(String(lastEventId).padStart(MARK_DIGITS, '0'), env().SECRET_KEY, 'bulk-mark');
}

/**
 * The event id a bulk form's mark carries; null (no check, as a form without a mark) when it was not sealed by
 * sealBulkMark with this SECRET_KEY: an altered mark, or one drawn before the key changed.
 */
export function bulkMarkVersion(mark: string | null | undefined): number | null {
  if (!mark) return null;
  try {
    const digits = openSecret(mark, env().SECRET_KEY, 'bulk-mark');
    return digits.length === MARK_DIGITS && /^\d+$/.test(digits) ? Number(digits) : null;
  } catch {
    return null;
  }
}

/** The refs as typed or ticked: trimmed, upper-cased, each once, at most BULK_MAX_TICKETS. */
export function bulkRefs(raw: unknown): string[] {
  const list = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => (typeof v === 'string' ? v.split(',') : []));
  return [...new Set(list.map((r) => r.trim().toUpperCase()).filter(Boolean))].slice(0, BULK_MAX_TICKETS);
}

async function actOn(db: Db, actor: Actor, ref: string, action: BulkAction, seen: Seen | undefined): Promise<boolean> {
  if (action.kind === 'assign') return assignTicket(db, { ticketRef: ref, actor, assigneeId: action.assigneeId, seen });
  if (action.kind === 'status') return setStatus(db, { ticketRef: ref, actor, status: action.status, seen });
  // class and priority left out: the ticket's own, read under its lock, so a colleague's reclassification is not undone
  return reclassifyTicket(db, { ticketRef: ref, actor, category: action.category ?? '', seen });
}

/** What the bulk form knew: its mark (sealBulkMark, as posted) and whether the person confirmed acting on tickets changed since. */
export interface BulkSeen { mark?: string | null; confirmed?: boolean }

/** `seen`: without it or its mark (the CLI, an old form), no ticket is checked for changes since. */
export async function bulkAct(db: Db, actor: Actor, refs: string[], action: BulkAction, bulkSeen?: BulkSeen): Promise<BulkResult> {
  const result: BulkResult = { changed: [], unchanged: [], refused: [] };
  const seen: Seen | undefined = bulkSeen && { version: bulkMarkVersion(bulkSeen.mark), confirmed: bulkSeen.confirmed };
  for (const ref of refs.slice(0, BULK_MAX_TICKETS)) {
    try {
      (await actOn(db, actor, ref, action, seen) ? result.changed : result.unchanged).push(ref);
    } catch (e) {
      if (e instanceof TicketStaleError) {
        result.refused.push({ ref, reason: 'changed', changes: e.changes });
        continue;
      }
      const reason: BulkRefusal | null = e instanceof TicketNotFoundError ? 'not_found' : e instanceof TicketForbiddenError ? 'forbidden'
        : e instanceof TicketInputError ? 'invalid' : null;
      if (!reason) throw e;
      result.refused.push({ ref, reason });
    }
  }
  return result;
}
