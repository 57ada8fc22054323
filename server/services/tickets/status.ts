// Status changes by staff: open, pending (waiting for the citizen), resolved, closed. 'new' is only ever
// set by ingestion and 'archived' by history import, so neither can be chosen here.
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import type { TicketAttrs } from '../../db/models/hotline.js';
import { audit } from '../audit/index.js';
import { TicketInputError } from './errors.js';
import { findWritableTicket, type Actor } from './scope.js';
import { clockOnStatus } from './sla-hooks.js';
import type { Seen } from './staleness.js';

export const SETTABLE_STATUSES = ['open', 'pending', 'resolved', 'closed'] as const;
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

export function isSettableStatus(s: unknown): s is SettableStatus {
  return typeof s === 'string' && (SETTABLE_STATUSES as readonly string[]).includes(s);
}

/** Inside the caller's transaction: the row, a 'status' event and the audit entry. No-op when unchanged. */
export async function changeStatus(db: Db, ticket: TicketAttrs, to: SettableStatus, actor: Actor, now: Date): Promise<boolean> {
  if (ticket.status === to) return false;
  // TicketAttrs' status union predates 'resolved'; the column is free text (str(16)).
  await db.models.Ticket.update({ status: to as TicketAttrs['status'] }, { where: { id: ticket.id } });
  await db.models.TicketEvent.create({ ticket_id: ticket.id, kind: 'status', message_id: null, at: now,
    details: JSON.stringify({ by: actor.username, from: ticket.status, to }) });
  await audit(db, { actor: actor.username, action: 'ticket.status', target: ticket.ref, details: { from: ticket.status, to } });
  await clockOnStatus(db, ticket.id, to, now, actor.username);
  return true;
}

export async function setStatus(db: Db, input: { ticketRef: string; actor: Actor; status: string; now?: Date; seen?: Seen }): Promise<boolean> {
  const to = input.status;
  if (!isSettableStatus(to)) throw new TicketInputError('status', 'invalid');
  return inTransaction(db.sequelize, async () => {
    const ticket = await findWritableTicket(db, input.ticketRef, input.actor, input.seen);
    return changeStatus(db, ticket, to, input.actor, input.now ?? new Date());
  });
}
