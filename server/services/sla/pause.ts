// Pausing the legal clock: waiting for the citizen's missing information, a referral in progress, or a legal
// suspension. A pause always names its reason. On resume every running deadline (and the instant the ladder
// counts from) moves by exactly the office minutes the clock stood still, so reminders keep their shares.
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import type { PauseReason, TicketSlaAttrs } from '../../db/models/sla.js';
import { loadCalendar } from './calendar-store.js';
import { ClockError, mirrorDeadlines, requireClock, shiftBy, ticketEvent } from './clock-store.js';
import { officeMinutesBetween } from './office-time.js';

export const PAUSE_REASONS: readonly PauseReason[] = ['waiting_citizen', 'referred', 'legal_suspension'];

export function isPauseReason(value: string): value is PauseReason {
  return (PAUSE_REASONS as readonly string[]).includes(value);
}

export async function pauseClock(db: Db, ticketId: number, input: { reason: string; note?: string | null; at: Date; actor: string }): Promise<TicketSlaAttrs> {
  if (!isPauseReason(input.reason)) {
    throw new ClockError('bad_reason', `a pause needs a reason: one of ${PAUSE_REASONS.join(', ')}`);
  }
  return inTransaction(db.sequelize, async () => {
    const clock = await requireClock(db, ticketId);
    if (clock.read_only) throw new ClockError('read_only', 'this ticket was referred to another agency; its clock runs there');
    if (clock.resolved_at) throw new ClockError('resolved', 'the ticket is resolved; its clock has stopped');
    if (clock.paused_at) throw new ClockError('paused', `the clock is already paused (${clock.pause_reason})`);
    const changes = { paused_at: input.at, pause_reason: input.reason as PauseReason, pause_note: input.note?.trim() || null };
    await db.models.TicketSla.update(changes, { where: { ticket_id: ticketId } });
    // Only waiting for the citizen reads as "Chờ công dân"; a legal suspension or a referral keeps its status.
    if (input.reason === 'waiting_citizen') await db.models.Ticket.update({ status: 'pending' }, { where: { id: ticketId } });
    await ticketEvent(db, ticketId, 'pause', { reason: input.reason, note: changes.pause_note, actor: input.actor }, input.at);
    return { ...clock, ...changes };
  });
}

export async function resumeClock(db: Db, ticketId: number, input: { at: Date; actor: string }): Promise<TicketSlaAttrs> {
  return inTransaction(db.sequelize, async () => {
    const clock = await requireClock(db, ticketId);
    if (!clock.paused_at) throw new ClockError('not_paused', 'the clock is not paused');
    const ticket = await db.models.Ticket.findByPk(ticketId);
    const cal = await loadCalendar(db, ticket!.agency_id);
    const minutes = Math.max(0, officeMinutesBetween(clock.paused_at, input.at, cal));
    const changes: Partial<TicketSlaAttrs> = {
      paused_at: null, pause_reason: null, pause_note: null, paused_minutes: clock.paused_minutes + Math.round(minutes),
      resolution_due: shiftBy(clock.resolution_due, minutes, cal),
      resolution_start: shiftBy(clock.resolution_start, minutes, cal)!,
      ladder_start: shiftBy(clock.ladder_start, minutes, cal),
      first_response_due: clock.first_response_at ? clock.first_response_due : shiftBy(clock.first_response_due, minutes, cal),
    };
    await db.models.TicketSla.update(changes, { where: { ticket_id: ticketId } });
    const next = { ...clock, ...changes };
    await mirrorDeadlines(db, ticketId, next);
    if (ticket!.status === 'pending') await db.models.Ticket.update({ status: 'open' }, { where: { id: ticketId } });
    await ticketEvent(db, ticketId, 'resume', { pausedFor: clock.pause_reason, workingMinutes: minutes, actor: input.actor,
      resolutionDue: next.resolution_due }, input.at);
    return next;
  });
}
