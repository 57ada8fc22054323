// Chuyển đơn: a ticket outside the agency's authority goes to the competent agency (NĐ 20/2008 as amended by
// NĐ 92/2017: within 5 working days of receipt). The receiving agency gets its own ticket and clock, counted
// from the referral; the sender's ticket becomes a read-only record linked to it; the citizen is told once
// (outbox key referral:<ticket>); and whether the 5-working-day target was met is stored for metrics.
import { agencyOpenAt, endedOn } from '../provisioning/index.js';
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import type { TicketAttrs } from '../../db/models/hotline.js';
import type { ReferralAttrs } from '../../db/models/sla.js';
import { enqueueMail } from '../outbox/index.js';
import { requireClock, ticketEvent, localText, renderSlaMail } from '../sla/index.js';
import { TicketOpener } from './open-ticket.js';
import { findAgencyByCode } from '../org/index.js';

export class ReferralError extends Error {
  constructor(readonly field: 'ticket' | 'to' | 'reason', message: string) {
    super(message);
    this.name = 'ReferralError';
  }
}

export interface ReferInput {
  toAgencyCode: string;
  reason: string;
  actor: string;
  at: Date;
  /** From of the citizen's notice when the sending agency has no hotline address */
  mailFrom: string;
}

export interface ReferOutcome {
  referral: ReferralAttrs;
  newTicket: TicketAttrs;
  /** false when the citizen's address bounced earlier, or the notice already exists */
  noticeQueued: boolean;
}

export async function referTicket(db: Db, ticketId: number, input: ReferInput): Promise<ReferOutcome> {
  const reason = input.reason.normalize('NFC').trim();
  if (!reason) throw new ReferralError('reason', 'a referral needs a reason');
  return inTransaction(db.sequelize, async () => {
    const row = await db.models.Ticket.findByPk(ticketId);
    if (!row) throw new ReferralError('ticket', `no ticket ${ticketId}`);
    const ticket = row.get({ plain: true }) as TicketAttrs;
    const clock = await requireClock(db, ticketId);
    if (clock.read_only || (await db.models.Referral.findOne({ where: { ticket_id: ticketId } }))) {
      throw new ReferralError('ticket', `ticket ${ticket.ref} was already referred`);
    }
    const to = await findAgencyByCode(db, input.toAgencyCode);
    if (!to) throw new ReferralError('to', `no agency with code ${input.toAgencyCode}`);
    if (!agencyOpenAt(to, input.at)) throw new ReferralError('to', `agency ${to.code} ended on ${endedOn(to)}: it takes no new tickets`);
    if (to.id === ticket.agency_id) throw new ReferralError('to', 'the ticket is already at that agency');
    const from = (await db.models.Agency.findByPk(ticket.agency_id))!;

    // The receiving agency's ticket keeps the class, category and priority (no rules run) and takes its turn.
    const { ticket: created, lookupCode } = await new TicketOpener(db).openOne({
      agency: to, citizenAddress: ticket.citizen_address, citizenName: ticket.citizen_name, subject: ticket.subject, receivedAt: input.at,
      history: false, related: { ticketId: ticket.id, relation: 'referred_from' }, triage: null,
      carried: { class: ticket.class, category: ticket.category, priority: ticket.priority }, now: input.at,
    });

    const onTime = !clock.forward_due || input.at.getTime() <= clock.forward_due.getTime();
    await db.models.TicketSla.update({ read_only: true, forwarded_at: input.at, paused_at: null, pause_reason: null }, { where: { ticket_id: ticketId } });
    await db.models.Ticket.update({ status: 'closed' }, { where: { id: ticketId } });
    const referral = await db.models.Referral.create({ ticket_id: ticketId, new_ticket_id: created.id, from_agency_id: from.id, to_agency_id: to.id,
      reason, actor: input.actor, forward_due: clock.forward_due, on_time: onTime, at: input.at });
    await ticketEvent(db, ticketId, 'referral', { to: to.code, reason, newRef: created.ref, onTime, actor: input.actor }, input.at);
    await ticketEvent(db, created.id, 'referred_in', { from: from.code, reason, ref: ticket.ref }, input.at);

    const noticeQueued = ticket.undeliverable ? false : await enqueueMail(db, {
      idempotencyKey: `referral:${ticketId}`, kind: 'notice', ticketId, to: ticket.citizen_address, from: from.hotline_address ?? input.mailFrom,
      subject: `[${ticket.ref}] Thông báo chuyển đơn / Referral notice`,
      text: renderSlaMail('referral-notice', { ref: ticket.ref, newRef: created.ref, fromAgency: from.name, toAgency: to.name, reason,
        dueAt: localText(created.due_at), lookupCode }),
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
    });
    return { referral: referral.get({ plain: true }) as ReferralAttrs, newTicket: created, noticeQueued };
  });
}

/** The referral a ticket went out by (the sender's read-only view links to the new ticket), or null. */
export async function referralOf(db: Db, ticketId: number): Promise<ReferralAttrs | null> {
  const row = await db.models.Referral.findOne({ where: { [Op.or]: [{ ticket_id: ticketId }, { new_ticket_id: ticketId }] } });
  return row ? (row.get({ plain: true }) as ReferralAttrs) : null;
}

/** The 5-working-day forwarding target, counted per sending agency (all agencies when omitted). */
export async function referralStats(db: Db, opts: { fromAgencyId?: number; from?: Date; to?: Date } = {}): Promise<{ referred: number; onTime: number; late: number }> {
  const where: Record<string | symbol, unknown> = {};
  if (opts.fromAgencyId) where.from_agency_id = opts.fromAgencyId;
  if (opts.from || opts.to) where.at = { ...(opts.from ? { [Op.gte]: opts.from } : {}), ...(opts.to ? { [Op.lt]: opts.to } : {}) };
  const rows = await db.models.Referral.findAll({ where, attributes: ['on_time'] });
  const onTime = rows.filter((r) => Boolean(r.on_time)).length;
  return { referred: rows.length, onTime, late: rows.length - onTime };
}
