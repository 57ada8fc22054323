// Supervisors' legal extensions from the ticket page: mark a complaint complex, or extend a denunciation.
// The rules and the clock change live in services/sla/extension.ts; this adds who may (a supervisor or an
// admin of the ticket's agency) and turns the clock's refusals into form errors the page shows by the button.
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import type { Role } from '../../db/models/foundation.js';
import { ClockError, extendDenunciation, markComplaintComplex } from '../sla/index.js';
import { TicketForbiddenError, TicketInputError } from './errors.js';
import { openForChange, type Actor } from './scope.js';
import type { Seen } from './staleness.js';

/** Extensions are decisions of the head of the unit (vietnam.md §1.3–§1.4), not of the agent on the case. */
export const EXTENSION_ROLES: readonly Role[] = ['supervisor', 'admin'];

export function canExtend(actor: Pick<Actor, 'role'>): boolean {
  return EXTENSION_ROLES.includes(actor.role);
}

export interface ExtendTicketInput {
  ticketRef: string;
  actor: Actor;
  kind: 'complex' | 'extend';
  reason: string;
  now?: Date;
  seen?: Seen;
  /** the form's one-time key: a second extension from one form is a repeat (form-once.ts) */
  formKey?: string | null;
}

/** The new resolution deadline; TicketInputError('extension', <refusal code>) when the law does not allow it. */
export async function extendTicketDeadline(db: Db, input: ExtendTicketInput): Promise<Date | null> {
  return inTransaction(db.sequelize, async () => {
    const reason = input.reason.normalize('NFC').slice(0, 2000);
    const { ticket, once } = await openForChange(db, input.ticketRef, input.actor, input.seen, { action: input.kind, key: input.formKey, field: 'extension', content: reason });
    if (!canExtend(input.actor)) throw new TicketForbiddenError(`role ${input.actor.role} may not extend deadlines`);
    const args = { reason, actor: input.actor.username, at: input.now ?? new Date() };
    try {
      const clock = input.kind === 'complex' ? await markComplaintComplex(db, ticket.id, args) : await extendDenunciation(db, ticket.id, args);
      await once.done(null);
      return clock.resolution_due;
    } catch (e) {
      if (e instanceof ClockError) throw new TicketInputError('extension', e.code);
      throw e;
    }
  });
}
