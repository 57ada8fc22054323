// The citizen's case lookup (tra cứu): case ref + the lookup code printed on the receipt. Only the code's hash
// is stored (ticket-row.ts: HMAC of "ref\ncode"; tickets from before keep sha256, still accepted); it is
// compared in constant time, both forms always computed, and an
// unknown ref runs the same comparison against a dummy, so "no such case" and "wrong code" look identical.
// The citizen sees status, agency, dates and the answers sent; never notes, assignees or other events.
import { timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/index.js';
import { legacyLookupCodeHash, lookupCodeHash } from './ticket-row.js';

const DUMMY_HASH = legacyLookupCodeHash('X-0000-000000', 'no-such-case');

export interface CaseStatus {
  ref: string;
  status: string;
  agency: string;
  receivedAt: Date;
  dueAt: Date | null;
  replies: { at: Date; text: string }[];
}

/** Upper-cased ref and digits-only code, as citizens type them from the receipt ("1234 5678" works). */
export function normaliseLookup(ref: string, code: string): { ref: string; code: string } {
  return { ref: ref.trim().toUpperCase().slice(0, 40), code: code.replace(/[\s-]/g, '').slice(0, 32) };
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** The case, or null for an unknown ref, a wrong code, or a ticket with no code (all the same to the caller). */
export async function lookupCase(db: Db, rawRef: string, rawCode: string): Promise<CaseStatus | null> {
  const { ref, code } = normaliseLookup(rawRef, rawCode);
  const ticket = ref && code ? await db.models.Ticket.findOne({ where: { ref } }) : null;
  const stored = ticket?.lookup_code_hash ?? DUMMY_HASH;
  const keyed = sameHash(lookupCodeHash(ref, code), stored);
  const legacy = sameHash(legacyLookupCodeHash(ref, code), stored);
  const ok = (keyed || legacy) && Boolean(ticket?.lookup_code_hash);
  if (!ticket || !ok) return null;
  const [agency, events] = await Promise.all([
    db.models.Agency.findByPk(ticket.agency_id, { attributes: ['name'] }),
    db.models.TicketEvent.findAll({ where: { ticket_id: ticket.id, kind: 'reply' }, order: [['at', 'ASC'], ['id', 'ASC']] }),
  ]);
  const replies = events.flatMap((e) => {
    const text = (JSON.parse(e.details ?? '{}') as { text?: unknown }).text;
    return typeof text === 'string' ? [{ at: e.at, text }] : [];
  });
  return { ref: ticket.ref, status: ticket.status, agency: agency?.name ?? '', receivedAt: ticket.received_at, dueAt: ticket.due_at, replies };
}
