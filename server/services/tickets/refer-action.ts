// Chuyển đơn from the ticket page (the form lists agency codes only: the route matrix treats another agency's name
// on a page as a leak): who may (a supervisor or an admin of the ticket's agency: the referral hands
// the case and its clock to another agency and leaves this copy read-only) and the form errors. The referral
// itself (its own ticket and clock there, one notice to the citizen) is referral.ts, shared with the CLI.
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import { audit } from '../audit/index.js';
import { agencyChoices } from '../org/index.js';
import { TicketForbiddenError, TicketInputError } from './errors.js';
import { canExtend } from './extensions.js';
import { ReferralError, referTicket } from './referral.js';
import { findWritableTicket, type Actor } from './scope.js';
import type { Seen } from './staleness.js';

export const canRefer = canExtend;

/** The agencies a ticket of `agencyId` may be referred to (every other one). */
export async function referralTargets(db: Db, agencyId: number): Promise<{ code: string; name: string }[]> {
  return (await agencyChoices(db, { agencyId: null })).filter((a) => a.id !== agencyId).map((a) => ({ code: a.code, name: a.name }));
}

export async function referTicketAs(db: Db, input: { ticketRef: string; actor: Actor; toAgencyCode: string; reason: string; mailFrom: string; now?: Date; seen?: Seen }): Promise<string> {
  // one transaction from the locked, checked row to the referral, so nothing changes the case in between
  return inTransaction(db.sequelize, async () => {
    const ticket = await findWritableTicket(db, input.ticketRef, input.actor, input.seen);
    if (!canRefer(input.actor)) throw new TicketForbiddenError(`role ${input.actor.role} may not refer tickets`);
    try {
      const out = await referTicket(db, ticket.id, { toAgencyCode: input.toAgencyCode, reason: input.reason.slice(0, 2000), actor: input.actor.username,
        at: input.now ?? new Date(), mailFrom: input.mailFrom });
      await audit(db, { actor: input.actor.username, action: 'ticket.refer', target: ticket.ref, details: { to: input.toAgencyCode, newRef: out.newTicket.ref } });
      return out.newTicket.ref;
    } catch (e) {
      if (e instanceof ReferralError) throw new TicketInputError('refer', e.field === 'reason' ? 'no_reason' : e.field === 'to' ? 'bad_agency' : 'already');
      throw e;
    }
  });
}
