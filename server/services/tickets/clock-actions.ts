// Pausing and resuming the legal clock from the ticket page. The clock arithmetic is services/sla/pause.ts; this
// adds who may and the audit row. Waiting for the citizen is the agent's call (it is also what the "Chờ công dân"
// status does); a legal suspension (tạm đình chỉ) is a decision of the head of the unit, so only supervisors and
// admins may start or end one, and it must state its legal ground. 'referred' is set by the referral alone.
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import { audit } from '../audit/index.js';
import type { TicketSlaAttrs } from '../../db/models/sla.js';
import { ClockError, getClock, pauseClock, recordFirstResponse, resumeClock } from '../sla/index.js';
import { TicketForbiddenError, TicketInputError } from './errors.js';
import { canExtend } from './extensions.js';
import { openForChange, type Actor } from './scope.js';
import type { Seen } from './staleness.js';

/** The reasons a person may pick on the page. */
export const MANUAL_PAUSE_REASONS = ['waiting_citizen', 'legal_suspension'] as const;
export type ManualPauseReason = (typeof MANUAL_PAUSE_REASONS)[number];
export const PAUSE_NOTE_MAX_CHARS = 2000;

const isManualReason = (r: string): r is ManualPauseReason => (MANUAL_PAUSE_REASONS as readonly string[]).includes(r);

/** Whether this actor may pause (or resume) for that reason. */
export function canPauseFor(actor: Pick<Actor, 'role'>, reason: string): boolean {
  return reason === 'legal_suspension' ? canExtend(actor) : reason === 'waiting_citizen';
}

/** Clock refusals (already paused, resolved…) are form errors next to the pause form. */
async function clockCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof ClockError) throw new TicketInputError('pause', e.code);
    throw e;
  }
}

export async function pauseTicket(db: Db, input: { ticketRef: string; actor: Actor; reason: string; note?: string; now?: Date; seen?: Seen; formKey?: string | null }): Promise<void> {
  const note = (input.note ?? '').normalize('NFC').trim();
  await inTransaction(db.sequelize, async () => {
    const { ticket, once } = await openForChange(db, input.ticketRef, input.actor, input.seen, { action: 'pause', key: input.formKey, field: 'pause', content: [input.reason, note] });
    if (!isManualReason(input.reason)) throw new TicketInputError('pause', 'bad_reason');
    if (!canPauseFor(input.actor, input.reason)) throw new TicketForbiddenError(`role ${input.actor.role} may not pause for ${input.reason}`);
    if (input.reason === 'legal_suspension' && !note) throw new TicketInputError('pause', 'no_note');
    if (note.length > PAUSE_NOTE_MAX_CHARS) throw new TicketInputError('pause', 'too_long');
    await clockCall(() => pauseAudited(db, ticket, { reason: input.reason, note, at: input.now ?? new Date(), actor: input.actor.username }));
    await once.done(null);
  });
}

/**
 * The clock's pause with its audit row, in one transaction: the page (after its role checks above) and the CLI
 * operator (any reason of PAUSE_REASONS) both pause through here, so no pause goes unaudited.
 */
export async function pauseAudited(db: Db, ticket: { id: number; ref: string }, input: { reason: string; note?: string | null; at: Date; actor: string }): Promise<TicketSlaAttrs> {
  return inTransaction(db.sequelize, async () => {
    const paused = await pauseClock(db, ticket.id, input);
    await audit(db, { actor: input.actor, action: 'ticket.pause', target: ticket.ref, details: { reason: input.reason, note: input.note ?? '' } });
    return paused;
  });
}

/** The clock's resume with its audit row (what was paused, the deadline it moved to), in one transaction. */
export async function resumeAudited(db: Db, ticket: { id: number; ref: string }, input: { at: Date; actor: string }): Promise<TicketSlaAttrs> {
  return inTransaction(db.sequelize, async () => {
    const before = await getClock(db, ticket.id);
    const resumed = await resumeClock(db, ticket.id, input);
    await audit(db, { actor: input.actor, action: 'ticket.resume', target: ticket.ref,
      details: { reason: before?.pause_reason ?? null, resolutionDue: resumed.resolution_due } });
    return resumed;
  });
}

export async function resumeTicket(db: Db, input: { ticketRef: string; actor: Actor; now?: Date; seen?: Seen; formKey?: string | null }): Promise<void> {
  await inTransaction(db.sequelize, async () => {
    const { ticket, once } = await openForChange(db, input.ticketRef, input.actor, input.seen, { action: 'resume', key: input.formKey, field: 'pause', content: null });
    const clock = await getClock(db, ticket.id);
    if (clock?.pause_reason && !canPauseFor(input.actor, clock.pause_reason)) {
      throw new TicketForbiddenError(`role ${input.actor.role} may not end a ${clock.pause_reason} pause`);
    }
    await clockCall(() => resumeAudited(db, ticket, { at: input.now ?? new Date(), actor: input.actor.username }));
    await once.done(null);
  });
}

/**
 * Thụ lý: the explicit acceptance where the law counts resolution from it (complaints, denunciations). The first
 * reply also counts as acceptance; this lets a case be accepted before anything is written to the citizen, so
 * the extension form (which needs an accepted case) is not a dead end.
 */
export async function acceptTicket(db: Db, input: { ticketRef: string; actor: Actor; now?: Date; seen?: Seen; formKey?: string | null }): Promise<void> {
  await inTransaction(db.sequelize, async () => {
    const { ticket, once } = await openForChange(db, input.ticketRef, input.actor, input.seen, { action: 'accept', key: input.formKey, field: 'accept', content: null });
    const clock = await getClock(db, ticket.id);
    if (!clock) throw new TicketInputError('accept', 'no_clock');
    if (clock.first_response_at) throw new TicketInputError('accept', 'accepted');
    if (clock.resolved_at) throw new TicketInputError('accept', 'resolved');
    const accepted = await recordFirstResponse(db, ticket.id, input.now ?? new Date(), input.actor.username);
    await audit(db, { actor: input.actor.username, action: 'ticket.accept', target: ticket.ref, details: { resolutionDue: accepted.resolution_due } });
    await once.done(null);
  });
}
