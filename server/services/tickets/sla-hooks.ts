// Where the workspace meets the legal clock (services/sla, ticket_sla). A ticket without a clock (history
// imports, tickets older than migration 0006) is simply left alone: no clock, nothing to stop.
// - the first reply is the first response (thụ lý) and may start an acceptance-based resolution clock;
// - resolved or closed stops the clock for good (reopening does not restart it; the breach stays on record);
// - "Chờ công dân" (pending) pauses it as waiting for the citizen, and open again resumes that pause (a legal
//   suspension is resumed only by its own action, clock-actions.ts);
// - a referred ticket's sending-agency copy is read-only (ticket_sla.read_only).
import type { Db } from '../../db/index.js';
import { getClock, pauseClock, recordFirstResponse, recordResolution, resumeClock } from '../sla/index.js';

export async function isReadOnlyCopy(db: Db, ticketId: number): Promise<boolean> {
  return Boolean((await getClock(db, ticketId))?.read_only);
}

export async function clockOnReply(db: Db, ticketId: number, at: Date, actor: string): Promise<void> {
  const clock = await getClock(db, ticketId);
  if (clock && !clock.read_only && !clock.first_response_at) await recordFirstResponse(db, ticketId, at, actor);
}

export async function clockOnStatus(db: Db, ticketId: number, status: string, at: Date, actor: string): Promise<void> {
  const clock = await getClock(db, ticketId);
  if (!clock || clock.read_only || clock.resolved_at) return;
  if (status === 'resolved' || status === 'closed') await recordResolution(db, ticketId, at, actor);
  else if (status === 'pending' && !clock.paused_at) await pauseClock(db, ticketId, { reason: 'waiting_citizen', at, actor });
  else if (status === 'open' && clock.pause_reason === 'waiting_citizen') await resumeClock(db, ticketId, { at, actor });
}

/** Keeps the clock's assignee (read by reminders and least-open assignment) in step with a manual assignment. */
export async function clockAssignee(db: Db, ticketId: number, assigneeId: number | null): Promise<void> {
  await db.models.TicketSla.update({ assignee_id: assigneeId }, { where: { ticket_id: ticketId } });
}
