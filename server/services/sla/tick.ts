// slaTick(db, now): every reminder and escalation step due at `now` that has not fired yet, each exactly once.
// The once-only guarantee is the unique (ticket_id, step) row in sla_notifications, claimed with an
// INSERT-or-ignore in the same transaction as the outbox rows (key sla:<ticket>:<step>:u<user>) and the
// ticket event: two tickers, or a restart mid-tick, can neither skip nor repeat a step.
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import { execWrite, inTransaction, isWriteConflict } from '../../db/index.js';
import type { TicketAttrs } from '../../db/models/hotline.js';
import type { TicketSlaAttrs } from '../../db/models/sla.js';
import { enqueueMail } from '../outbox/index.js';
import { alertUnreached } from '../notify/index.js';
import { calendarCache } from './calendar-store.js';
import { ticketEvent } from './clock-store.js';
import { listPolicies } from './policy-store.js';
import { escalationRecipients, reminderRecipients, type Recipient } from './recipients.js';
import { localText, renderSlaMail, stepTexts } from './sla-mail.js';
import { slaSteps, type SlaStep } from './sla-steps.js';

export interface FiredStep {
  ticketId: number;
  ref: string;
  step: string;
  kind: 'reminder' | 'escalation';
  /** when the step was due (the ladder instant), not when the tick ran */
  at: string;
  recipients: number;
}

export interface TickResult {
  reminders: number;
  escalations: number;
  fired: FiredStep[];
}

const DEADLOCK_RETRIES = 3;
const CLOSED_STATUSES = ['closed', 'archived'];

export async function slaTick(db: Db, now: Date, opts: { from?: string } = {}): Promise<TickResult> {
  const from = opts.from ?? 'no-reply@localhost';
  const clocks = (await db.models.TicketSla.findAll({ where: { resolved_at: null, paused_at: null, read_only: false } }))
    .map((r) => r.get({ plain: true }) as TicketSlaAttrs);
  const result: TickResult = { reminders: 0, escalations: 0, fired: [] };
  if (clocks.length === 0) return result;
  const tickets = new Map((await db.models.Ticket.findAll({ where: { id: { [Op.in]: clocks.map((c) => c.ticket_id) } } }))
    .map((t) => [t.id, t.get({ plain: true }) as TicketAttrs]));
  const fired = new Set((await db.models.SlaNotification.findAll({ where: { ticket_id: { [Op.in]: clocks.map((c) => c.ticket_id) } }, attributes: ['ticket_id', 'step'] }))
    .map((n) => `${n.ticket_id}:${n.step}`));
  const acceptanceClasses = new Set((await listPolicies(db)).filter((p) => p.resolutionFrom === 'acceptance').map((p) => `${p.class}:${p.priority}`));
  const calendarOf = calendarCache(db);
  for (const clock of clocks) {
    const ticket = tickets.get(clock.ticket_id);
    if (!ticket || ticket.history || CLOSED_STATUSES.includes(ticket.status)) continue;
    const awaitingAcceptance = acceptanceClasses.has(`${clock.policy_class}:${clock.priority}`) && !clock.first_response_at;
    const steps = slaSteps(clock, await calendarOf(ticket.agency_id), { awaitingAcceptance });
    for (const step of steps) {
      if (step.at.getTime() > now.getTime() || fired.has(`${clock.ticket_id}:${step.id}`)) continue;
      const sent = await fireStepWithRetry(db, ticket, clock, step, now, from);
      if (sent === null) continue;
      result[step.kind === 'escalation' ? 'escalations' : 'reminders']++;
      result.fired.push({ ticketId: ticket.id, ref: ticket.ref, step: step.id, kind: step.kind, at: step.at.toISOString(), recipients: sent });
    }
  }
  return result;
}

async function fireStepWithRetry(db: Db, ticket: TicketAttrs, clock: TicketSlaAttrs, step: SlaStep, now: Date, from: string): Promise<number | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(db.sequelize, () => fireStep(db, ticket, clock, step, now, from));
    } catch (e) {
      // InnoDB may pick one of two tickers inserting the same key as a deadlock victim; retrying finds the row.
      if (attempt >= DEADLOCK_RETRIES || !isWriteConflict(e)) throw e;
    }
  }
}

/** Claims (ticket, step) and queues its mail; null when another ticker already claimed it. */
async function fireStep(db: Db, ticket: TicketAttrs, clock: TicketSlaAttrs, step: SlaStep, now: Date, from: string): Promise<number | null> {
  const ignore = db.dialect === 'sqlite' ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
  const claimed = await execWrite(db.sequelize,
    `${ignore} INTO sla_notifications (ticket_id, step, kind, fire_at, fired_at, recipients) VALUES (:ticket, :step, :kind, :at, :now, 0)`,
    { ticket: ticket.id, step: step.id, kind: step.kind, at: step.at, now });
  if (claimed !== 1) return null;
  const recipients = step.kind === 'escalation'
    ? await escalationRecipients(db, ticket.agency_id)
    : await reminderRecipients(db, ticket.agency_id, clock.assignee_id);
  const agency = await db.models.Agency.findByPk(ticket.agency_id, { attributes: ['name'] });
  const assignee = clock.assignee_id ? await db.models.User.findByPk(clock.assignee_id, { attributes: ['display_name'] }) : null;
  const due = step.id === 'first_response_due' ? clock.first_response_due : clock.resolution_due;
  for (const r of recipients) await enqueueMail(db, stepMail(ticket, step, r, { from, due, agencyName: agency?.name ?? '', assigneeName: assignee?.display_name ?? '—' }));
  await db.models.SlaNotification.update({ recipients: recipients.length }, { where: { ticket_id: ticket.id, step: step.id } });
  if (step.kind === 'escalation') await db.models.TicketSla.update({ breached_at: step.at }, { where: { ticket_id: ticket.id } });
  if (recipients.length) {
    await ticketEvent(db, ticket.id, step.kind, { step: step.id, dueStep: step.at, to: recipients.map((r) => r.address) }, now);
  } else {
    // Nobody to tell: the admins are told instead, and the timeline says so rather than "Nhắc hạn".
    const { stepVi, stepEn } = stepTexts(step.id);
    const alerted = await alertUnreached(db, {
      key: `sla:${ticket.id}:${step.id}`, target: `ticket:${ticket.ref}`, agencyId: ticket.agency_id, from,
      summaryVi: `Hồ sơ ${ticket.ref} (${agency?.name ?? ''}): ${stepVi} Thư ${step.kind === 'escalation' ? 'báo cáo quá hạn' : 'nhắc hạn'} không gửi được tới ai.`,
      summaryEn: `Case ${ticket.ref}: ${stepEn} The ${step.kind === 'escalation' ? 'escalation' : 'reminder'} reached nobody.`,
      details: { step: step.id, kind: step.kind, assigneeId: clock.assignee_id },
    });
    await ticketEvent(db, ticket.id, `${step.kind}_unreached`, { step: step.id, dueStep: step.at, to: [], alerted }, now);
  }
  return recipients.length;
}

function stepMail(ticket: TicketAttrs, step: SlaStep, r: Recipient, f: { from: string; due: Date | null; agencyName: string; assigneeName: string }) {
  const fields = { ref: ticket.ref, subject: ticket.subject, dueAt: localText(f.due), recipientName: r.name, agencyName: f.agencyName,
    assigneeName: f.assigneeName, ...stepTexts(step.id) };
  const escalation = step.kind === 'escalation';
  return {
    idempotencyKey: `sla:${ticket.id}:${step.id}:u${r.userId}`, kind: 'notice' as const, ticketId: ticket.id, to: r.address, from: f.from,
    subject: escalation ? `[${ticket.ref}] Quá hạn xử lý / Overdue` : `[${ticket.ref}] Nhắc hạn xử lý / SLA reminder`,
    text: renderSlaMail(escalation ? 'sla-escalation' : 'sla-reminder', fields),
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
  };
}
