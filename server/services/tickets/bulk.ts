// Bulk actions of the queue (issue 14 item 1): assign, status or category on many tickets, each through the
// single-ticket action (actions.ts, status.ts, reclassify.ts), so each one obeys the same scope, role and
// read-only rules and writes its own event and audit row; a ticket refused is reported, the others still change.
import type { Db } from '../../db/index.js';
import { assignTicket } from './actions.js';
import { setStatus } from './status.js';
import { reclassifyTicket } from './reclassify.js';
import { findScopedTicket, scopeOf, type Actor } from './scope.js';
import { TicketForbiddenError, TicketInputError, TicketNotFoundError } from './errors.js';

export const BULK_MAX_TICKETS = 100;

export type BulkAction =
  | { kind: 'assign'; assigneeId: number | null }
  | { kind: 'status'; status: string }
  | { kind: 'category'; category: string | null };

/** not_found also covers another agency's ticket (never "exists elsewhere"). */
export type BulkRefusal = 'not_found' | 'forbidden' | 'invalid';

export interface BulkResult { changed: string[]; unchanged: string[]; refused: { ref: string; reason: BulkRefusal }[] }

/** The refs as typed or ticked: trimmed, upper-cased, each once, at most BULK_MAX_TICKETS. */
export function bulkRefs(raw: unknown): string[] {
  const list = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => (typeof v === 'string' ? v.split(',') : []));
  return [...new Set(list.map((r) => r.trim().toUpperCase()).filter(Boolean))].slice(0, BULK_MAX_TICKETS);
}

async function actOn(db: Db, actor: Actor, ref: string, action: BulkAction): Promise<boolean> {
  if (action.kind === 'assign') return assignTicket(db, { ticketRef: ref, actor, assigneeId: action.assigneeId });
  if (action.kind === 'status') return setStatus(db, { ticketRef: ref, actor, status: action.status });
  const t = await findScopedTicket(db, ref, scopeOf(actor));
  return reclassifyTicket(db, { ticketRef: ref, actor, class: t.class, category: action.category ?? '', priority: t.priority });
}

export async function bulkAct(db: Db, actor: Actor, refs: string[], action: BulkAction): Promise<BulkResult> {
  const result: BulkResult = { changed: [], unchanged: [], refused: [] };
  for (const ref of refs.slice(0, BULK_MAX_TICKETS)) {
    try {
      (await actOn(db, actor, ref, action) ? result.changed : result.unchanged).push(ref);
    } catch (e) {
      const reason: BulkRefusal | null = e instanceof TicketNotFoundError ? 'not_found' : e instanceof TicketForbiddenError ? 'forbidden'
        : e instanceof TicketInputError ? 'invalid' : null;
      if (!reason) throw e;
      result.refused.push({ ref, reason });
    }
  }
  return result;
}
