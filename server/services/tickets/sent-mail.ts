// The exact bytes a mail of this ticket went out as (outbox/exact-bytes.ts), for the legal record: read in the
// actor's scope, so another agency's ticket is "not found" like a missing one.
import type { Db } from '../../db/index.js';
import { sentBytes } from '../outbox/index.js';
import { findScopedTicket, type AgencyIds } from './scope.js';
import { TicketNotFoundError } from './errors.js';

export async function sentMail(db: Db, ref: string, scope: AgencyIds, outboxId: number): Promise<{ ref: string; bytes: Buffer }> {
  const ticket = await findScopedTicket(db, ref, scope);
  const row = await db.models.Outbox.findOne({ where: { id: outboxId, ticket_id: ticket.id }, attributes: ['id'] });
  const bytes = row ? await sentBytes(db, row.id) : null;
  if (!bytes) throw new TicketNotFoundError(`${ticket.ref}/${outboxId}`);
  return { ref: ticket.ref, bytes };
}
