// The legal extensions of a running resolution clock (rules in extension-rules.ts): mark a complaint complex,
// or extend a denunciation by 30 days (twice at most). Each one is a ticket event with its reason, an audit
// row, and moves tickets.due_at. The claim is a conditional UPDATE on (complex | extensions), so a double
// click or two supervisors at once grant one extension; the loser gets ClockError('conflict').
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import type { TicketSlaAttrs } from '../../db/models/sla.js';
import { audit } from '../audit/index.js';
import { loadCalendar } from './calendar-store.js';
import { ClockError, mirrorDeadlines, requireClock, ticketEvent } from './clock-store.js';
import {
  complexComplaintDue, extendedDenunciationDue, extensionRefusal, MAX_DENUNCIATION_EXTENSIONS, type ExtensionKind, type ExtensionRefusal,
} from './extension-rules.js';

export interface ExtensionInput {
  reason: string;
  actor: string;
  at: Date;
}

const REFUSAL_TEXT: Record<ExtensionRefusal, string> = {
  wrong_class: 'this extension does not apply to the ticket\'s class',
  no_reason: 'an extension is decided in writing: give the reason',
  not_accepted: 'the resolution clock starts at acceptance (thụ lý): record the first response first',
  already_complex: 'the complaint is already marked complex (45 days)',
  max_extensions: `a denunciation may be extended at most ${MAX_DENUNCIATION_EXTENSIONS} times (Luật Tố cáo Art. 30)`,
  past_due: 'the deadline has passed: an extension must be decided before it',
  not_longer: 'the new deadline would not be later than the current one',
};

async function checkedClock(db: Db, ticketId: number, kind: ExtensionKind, input: ExtensionInput): Promise<TicketSlaAttrs> {
  const clock = await requireClock(db, ticketId);
  if (clock.read_only) throw new ClockError('read_only', 'this ticket was referred to another agency; its clock runs there');
  if (clock.resolved_at) throw new ClockError('resolved', 'the ticket is resolved; its clock has stopped');
  const refusal = extensionRefusal(kind, clock, input.at, input.reason);
  if (refusal) throw new ClockError(refusal, REFUSAL_TEXT[refusal]);
  return clock;
}

async function agencyOf(db: Db, ticketId: number): Promise<{ agencyId: number; ref: string }> {
  const t = (await db.models.Ticket.findByPk(ticketId, { attributes: ['agency_id', 'ref'] }))!;
  return { agencyId: t.agency_id, ref: t.ref };
}

/** Luật Khiếu nại Art. 28: the complaint is complex, resolution 45 days from the same start. */
export async function markComplaintComplex(db: Db, ticketId: number, input: ExtensionInput): Promise<TicketSlaAttrs> {
  return inTransaction(db.sequelize, async () => {
    const clock = await checkedClock(db, ticketId, 'complex', input);
    const { agencyId, ref } = await agencyOf(db, ticketId);
    const due = complexComplaintDue(clock.resolution_start, await loadCalendar(db, agencyId));
    if (clock.resolution_due && due.getTime() <= clock.resolution_due.getTime()) throw new ClockError('not_longer', REFUSAL_TEXT.not_longer);
    const [won] = await db.models.TicketSla.update({ complex: true, resolution_due: due }, { where: { ticket_id: ticketId, complex: false } });
    if (won !== 1) throw new ClockError('conflict', 'someone else changed this deadline at the same time; reload the ticket');
    return recorded(db, { ...clock, complex: true, resolution_due: due }, clock.resolution_due, ref, 'sla_complex', input);
  });
}

/** Luật Tố cáo Art. 30: one more 30-day extension (at most two), counted from the current deadline. */
export async function extendDenunciation(db: Db, ticketId: number, input: ExtensionInput): Promise<TicketSlaAttrs> {
  return inTransaction(db.sequelize, async () => {
    const clock = await checkedClock(db, ticketId, 'extend', input);
    const { agencyId, ref } = await agencyOf(db, ticketId);
    const previous = clock.resolution_due!;
    const due = extendedDenunciationDue(previous, await loadCalendar(db, agencyId));
    const changes = { extensions: clock.extensions + 1, resolution_due: due, ladder_start: previous };
    const [won] = await db.models.TicketSla.update(changes, { where: { ticket_id: ticketId, extensions: clock.extensions } });
    if (won !== 1) throw new ClockError('conflict', 'someone else extended this deadline at the same time; reload the ticket');
    return recorded(db, { ...clock, ...changes }, previous, ref, 'sla_extended', input);
  });
}

async function recorded(db: Db, next: TicketSlaAttrs, previousDue: Date | null, ref: string, kind: 'sla_complex' | 'sla_extended',
  input: ExtensionInput): Promise<TicketSlaAttrs> {
  await mirrorDeadlines(db, next.ticket_id, next);
  const details = { reason: input.reason.trim(), actor: input.actor, previousDue, resolutionDue: next.resolution_due,
    ...(kind === 'sla_extended' ? { extension: next.extensions, of: MAX_DENUNCIATION_EXTENSIONS } : {}) };
  await ticketEvent(db, next.ticket_id, kind, details, input.at);
  await audit(db, { actor: input.actor, action: kind === 'sla_complex' ? 'sla.complaint_complex' : 'sla.denunciation_extended', target: ref, details });
  return next;
}
