// The legal clock of one ticket, stored in ticket_sla: started when the ticket opens, moved by pauses
// (pause.ts), stopped by the first response and the resolution. tickets.due_at and first_response_due_at
// mirror the deadlines so lists and receipts need no join.
import type { Db } from '../../db/index.js';
import { inTransaction, modelRow, readRows, selectColumns } from '../../db/index.js';
import type { TicketAttrs } from '../../db/models/hotline.js';
import type { TicketSlaAttrs } from '../../db/models/sla.js';
import { REFERRAL_DEADLINE } from '../org/index.js';
import { loadCalendar } from './calendar-store.js';
import { addPeriod } from './deadline.js';
import { addOfficeMinutes } from './office-time.js';
import { policyFor, type SlaPolicy } from './policy-store.js';
import type { WorkCalendar } from './types.js';
import type { ExtensionRefusal } from './extension-rules.js';

export type ClockErrorCode = 'no_clock' | 'resolved' | 'paused' | 'not_paused' | 'bad_reason' | 'read_only'
  | ExtensionRefusal | 'conflict';

export class ClockError extends Error {
  constructor(readonly code: ClockErrorCode, message: string) {
    super(message);
    this.name = 'ClockError';
  }
}

export async function ticketEvent(db: Db, ticketId: number, kind: string, details: unknown, at: Date): Promise<void> {
  await db.models.TicketEvent.create({ ticket_id: ticketId, kind, message_id: null, details: details ? JSON.stringify(details) : null, at });
}

/** Raw (db/read-rows.ts): the ticket page and every clock action read it. */
export async function getClock(db: Db, ticketId: number): Promise<TicketSlaAttrs | null> {
  const [row] = await readRows(db, `SELECT ${selectColumns(db.models.TicketSla, 's', '')} FROM ticket_sla s WHERE s.ticket_id = ?`, [ticketId]);
  return row ? modelRow<TicketSlaAttrs>(db.models.TicketSla, row, '') : null;
}

export async function requireClock(db: Db, ticketId: number): Promise<TicketSlaAttrs> {
  const clock = await getClock(db, ticketId);
  if (!clock) throw new ClockError('no_clock', `ticket ${ticketId} has no SLA clock`);
  return clock;
}

export async function mirrorDeadlines(db: Db, ticketId: number, c: Pick<TicketSlaAttrs, 'first_response_due' | 'resolution_due'>): Promise<void> {
  await db.models.Ticket.update({ due_at: c.resolution_due, first_response_due_at: c.first_response_due }, { where: { id: ticketId } });
}

export interface StartClockOptions {
  assigneeId?: number | null;
  triageRule?: string | null;
  /** the sending agency's copy of a referred ticket keeps no running clock */
  readOnly?: boolean;
}

/**
 * Starts the clock at the ticket's receipt on its agency's calendar, per its (class, priority) policy.
 * Idempotent: a second call returns the existing clock. Complaints and denunciations count resolution
 * from acceptance (Luật KN Art. 28, Luật TC Art. 30); until then their resolution due is provisional:
 * the longest it can be, counted from the acceptance deadline.
 */
export async function startClock(db: Db, ticket: TicketAttrs, opts: StartClockOptions = {}): Promise<TicketSlaAttrs> {
  return inTransaction(db.sequelize, async () => {
    const existing = await getClock(db, ticket.id);
    if (existing) return existing;
    const { clock, event } = newClock(ticket, await policyFor(db, ticket.class, ticket.priority), await loadCalendar(db, ticket.agency_id), opts);
    await db.models.TicketSla.create(clock);
    await mirrorDeadlines(db, ticket.id, clock);
    await ticketEvent(db, ticket.id, event.kind, event.details, event.at);
    return clock;
  });
}

/** The clock row of a ticket that has none yet, and its `sla_started` event. Pure. */
export function newClock(ticket: TicketAttrs, policy: SlaPolicy, cal: WorkCalendar, opts: StartClockOptions = {}) {
  const received = ticket.received_at;
  const firstDue = addPeriod(received, policy.firstResponse, cal);
  const resolutionDue = addPeriod(policy.resolutionFrom === 'acceptance' ? firstDue : received, policy.resolution, cal);
  const clock: TicketSlaAttrs = {
    ticket_id: ticket.id, policy_class: policy.class, priority: ticket.priority, received_at: received,
    first_response_due: firstDue, first_response_at: null, resolution_start: received, resolution_due: resolutionDue,
    resolved_at: null, paused_at: null, pause_reason: null, pause_note: null, paused_minutes: 0, breached_at: null,
    forward_due: addPeriod(received, REFERRAL_DEADLINE, cal), forwarded_at: null, assignee_id: opts.assigneeId ?? null,
    triage_rule: opts.triageRule ?? null, read_only: opts.readOnly ?? false,
    complex: false, extensions: 0, ladder_start: null,
  };
  const details = { class: policy.class, priority: ticket.priority, firstResponse: policy.firstResponse, resolution: policy.resolution,
    firstResponseDue: firstDue, resolutionDue };
  return { clock, event: { kind: 'sla_started', details, at: received } };
}

/** The first human action (acceptance / thụ lý). Starts the resolution clock of acceptance-based classes. */
export async function recordFirstResponse(db: Db, ticketId: number, at: Date, actor: string): Promise<TicketSlaAttrs> {
  return inTransaction(db.sequelize, async () => {
    const clock = await requireClock(db, ticketId);
    if (clock.first_response_at) return clock;
    const ticket = (await db.models.Ticket.findByPk(ticketId))!.get({ plain: true }) as TicketAttrs;
    const policy = await policyFor(db, clock.policy_class, clock.priority);
    const changes: Partial<TicketSlaAttrs> = { first_response_at: at };
    if (policy.resolutionFrom === 'acceptance' && !clock.resolved_at) {
      const cal = await loadCalendar(db, ticket.agency_id);
      changes.resolution_start = at;
      changes.resolution_due = addPeriod(at, policy.resolution, cal);
    }
    await db.models.TicketSla.update(changes, { where: { ticket_id: ticketId } });
    const next = { ...clock, ...changes };
    await mirrorDeadlines(db, ticketId, next);
    const onTime = clock.first_response_due ? at.getTime() <= clock.first_response_due.getTime() : true;
    await ticketEvent(db, ticketId, 'first_response', { actor, onTime, resolutionDue: next.resolution_due }, at);
    return next;
  });
}

/** The answer or decision: stops the clock for good. */
export async function recordResolution(db: Db, ticketId: number, at: Date, actor: string): Promise<TicketSlaAttrs> {
  return inTransaction(db.sequelize, async () => {
    const clock = await requireClock(db, ticketId);
    if (clock.resolved_at) return clock;
    const changes: Partial<TicketSlaAttrs> = { resolved_at: at, paused_at: null, pause_reason: null };
    if (!clock.first_response_at) changes.first_response_at = at;
    await db.models.TicketSla.update(changes, { where: { ticket_id: ticketId } });
    const onTime = clock.resolution_due ? at.getTime() <= clock.resolution_due.getTime() : true;
    await ticketEvent(db, ticketId, 'resolved', { actor, onTime }, at);
    return { ...clock, ...changes };
  });
}

/** Shifts a deadline by office minutes (pauses); null stays null. */
export function shiftBy(due: Date | null, minutes: number, cal: Parameters<typeof addOfficeMinutes>[2]): Date | null {
  return due && minutes > 0 ? addOfficeMinutes(due, minutes, cal) : due;
}
