// The one way a ticket is opened, whatever opens it: a citizen's mail (alone or in a fetched group), an old
// mail imported as history, a referral. In order: case ref (next sequence of the agency's year), triage (the
// rules set class, category, priority and agency; the assignee is a rule's named user or the agency's turn),
// the legal clock, and the receipt under its per-address limit and the global RECEIPTS_PER_HOUR
// (outbox/acknowledge.ts). open() plans a ticket in memory; flush() writes everything planned since the last
// flush with one INSERT per table (db/insert-rows.ts), which is what lets ingestion take a group of 250 new
// mails in a handful of statements.
// One opener per transaction: the state opening moves (sequences, turns, receipt counts) is kept in memory
// (opener-state.ts), so every ticket of the transaction must be opened through the same opener.
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import { concurrently } from '../../db/concurrently.js';
import { insertRows } from '../../db/insert-rows.js';
import type { TicketAttrs } from '../../db/models/hotline.js';
import type { TicketSlaAttrs } from '../../db/models/sla.js';
import {
  ackLimitReached, alertAckLimit, alertReceiptRate, HELD_REASON, isOwnAddress, receiptMail, type AckOutcome, type ReceiptContext, outboxRow,
} from '../outbox/index.js';
import { newClock } from '../sla/index.js';
import { formatRef, refPrefixOf } from '../threading/index.js';
import {
  triageChanges, triageEvent, type TriageChanges, evaluateRules, type TriageMail, type TriageResult,
} from '../triage/index.js';
import { OpenerConfig, OpenerTurns } from './opener-state.js';
import { newLookupCode, newTicketRow, type NewTicket } from './ticket-row.js';

export interface OpenTicket {
  agency: { id: number; code: string; name?: string };
  citizenAddress: string;
  citizenName: string | null;
  subject: string;
  /** when the mail server received the mail (or the referral was made): the clock and the ref's year count from it */
  receivedAt: Date;
  /** an old mail imported as history: archived, triaged for metrics, no assignee, clock or receipt */
  history: boolean;
  related?: NewTicket['related'];
  /** the mail the triage rules read; null: no rule fires (fallback class and priority) */
  triage: TriageMail | null;
  /** class, category and priority kept from another ticket (a referral): no rules run and no triage event */
  carried?: Pick<TicketAttrs, 'class' | 'category' | 'priority'>;
  /** queue the receipt (phiếu tiếp nhận) to `to` (From, or a Reply-To in From's domain; '' = none) from `from`,
   *  answering the citizen's Message-ID */
  receipt?: { to: string; from: string; citizenMessageId: string } | null;
  now: Date;
}

export interface OpenedTicket {
  ticket: TicketAttrs;
  /** the citizen's lookup code (only its hash is stored) */
  lookupCode: string;
  /** null when no receipt was asked for (history, no sender address, referral) */
  receipt: AckOutcome | null;
}

interface Planned {
  input: OpenTicket;
  row: Omit<TicketAttrs, 'id'>;
  lookupCode: string;
  triage: { ruleId: string | null; changes: TriageChanges } | null;
  assigneeId: number | null;
  clock: ReturnType<typeof newClock> | null;
  receipt: AckOutcome | null;
}

export class TicketOpener {
  private readonly config: OpenerConfig;
  private readonly turns: OpenerTurns;
  private pending: Planned[] = [];

  /** `ctx` is needed only when receipts are asked for. */
  constructor(private readonly db: Db, private readonly ctx: ReceiptContext | null = null) {
    this.config = new OpenerConfig(db);
    this.turns = new OpenerTurns(db);
  }

  /** A group's senders: their receipt counts are read in one query instead of one each. */
  expectSenders(addresses: string[], now: Date): Promise<void> {
    return this.turns.preloadAckCounts(addresses.map((a) => a.toLowerCase()), now);
  }

  /** Plans a ticket; flush() writes it. */
  async open(t: OpenTicket): Promise<void> {
    const prefix = refPrefixOf(t.agency.code, t.receivedAt);
    const lookupCode = newLookupCode();
    const row = newTicketRow({ agencyId: t.agency.id, citizenAddress: t.citizenAddress, citizenName: t.citizenName,
      subject: t.subject, receivedAt: t.receivedAt, history: t.history, related: t.related ?? null },
    formatRef(prefix, await this.turns.nextSequence(prefix)), lookupCode, { deadlines: t.history });

    let triage: Planned['triage'] = null;
    let named: string | undefined;
    if (t.carried) Object.assign(row, t.carried);
    else {
      const result: TriageResult = t.triage ? evaluateRules(await this.config.rules(), t.triage) : { matched: null, fired: [], actions: {}, trace: [] };
      const changes = triageChanges(row, result.actions, await this.config.agencyId(result.actions.agencyCode, row.agency_id));
      Object.assign(row, changes);
      triage = { ruleId: result.matched?.id ?? null, changes };
      named = result.actions.assignee;
    }
    const assigneeId = t.history ? null : await this.assignee(row.agency_id, named);

    let clock: Planned['clock'] = null;
    if (!t.history) {
      clock = newClock({ ...row, id: 0 }, await this.config.policy(row.class, row.priority), await this.config.calendar(row.agency_id),
        { assigneeId, triageRule: triage?.ruleId ?? null });
      row.due_at = clock.clock.resolution_due;
      row.first_response_due_at = clock.clock.first_response_due;
    }
    this.pending.push({ input: t, row, lookupCode, triage, assigneeId, clock, receipt: await this.receiptOutcome(t) });
  }

  /** Plans and writes one ticket; nothing else may be pending. */
  async openOne(t: OpenTicket): Promise<OpenedTicket> {
    if (this.pending.length) throw new Error('openOne with tickets still pending: flush them first');
    await this.open(t);
    return (await this.flush())[0];
  }

  /** Writes every planned ticket: tickets, then their clocks, events and receipts together, then the turns. */
  async flush(): Promise<OpenedTicket[]> {
    const planned = this.pending;
    if (!planned.length) return [];
    this.pending = [];
    const { Ticket, TicketSla, TicketEvent, Outbox } = this.db.models;
    return inTransaction(this.db.sequelize, async () => {
      await insertRows(Ticket, planned.map((x) => x.row));
      const ids = new Map((await Ticket.findAll({ where: { ref: { [Op.in]: planned.map((x) => x.row.ref) } }, attributes: ['id', 'ref'], raw: true }))
        .map((t) => [t.ref, t.id]));
      const opened = planned.map((x) => ({ ticket: { ...x.row, id: ids.get(x.row.ref)! } as TicketAttrs, lookupCode: x.lookupCode, receipt: x.receipt }));
      await concurrently([
        () => insertRows(TicketSla, planned.flatMap((x, i): TicketSlaAttrs[] => (x.clock ? [{ ...x.clock.clock, ticket_id: opened[i].ticket.id }] : []))),
        // Per ticket: triage, then sla_started (the order the ticket page shows them in).
        () => insertRows(TicketEvent, planned.flatMap((x, i) => {
          const id = opened[i].ticket.id;
          const events: object[] = x.triage ? [triageEvent(opened[i].ticket, x.triage.ruleId, x.triage.changes, x.assigneeId)] : [];
          if (x.clock) events.push({ ticket_id: id, kind: x.clock.event.kind, message_id: null, details: JSON.stringify(x.clock.event.details), at: x.clock.event.at });
          return events;
        })),
        // A held receipt is written all the same, kept from the flush by its status, so none is lost.
        () => insertRows(Outbox, planned.flatMap((x, i) => (x.receipt === 'queued' || x.receipt === 'held' ? [{ ...outboxRow(receiptMail(this.ctx!, {
          ticket: opened[i].ticket, to: x.input.receipt!.to, lookupCode: x.lookupCode, agencyName: x.input.agency.name ?? x.input.agency.code,
          from: x.input.receipt!.from, citizenMessageId: x.input.receipt!.citizenMessageId, now: x.input.now,
        })), ...(x.receipt === 'held' ? { status: 'held' as const, last_error: HELD_REASON } : {}) }] : []))),
      ]);
      for (const [i, x] of planned.entries()) {
        if (x.receipt === 'rate_limited') await alertAckLimit(this.db, this.ctx!, { ticket: opened[i].ticket, to: x.input.receipt!.to, now: x.input.now });
      }
      const held = planned.filter((x) => x.receipt === 'held');
      if (held.length) await alertReceiptRate(this.db, this.ctx!, held[0].input.now, held.length);
      await this.turns.save();
      return opened;
    });
  }

  /** A rule's named user (an active member of the agency), else the agency's next turn. */
  private async assignee(agencyId: number, username: string | undefined): Promise<number | null> {
    const named = username ? await this.config.namedUser(agencyId, username) : null;
    if (named === null) return this.turns.nextAssignee(agencyId);
    await this.turns.assigned(agencyId, named);
    return named;
  }

  /** Whether the receipt goes out: never for history or to our own addresses, at most N per address, and
   *  held past the global rate. */
  private async receiptOutcome(t: OpenTicket): Promise<AckOutcome | null> {
    const to = t.receipt?.to.toLowerCase();
    if (!to || t.history) return null;
    if (!this.ctx) throw new Error('TicketOpener needs a ReceiptContext to queue receipts');
    if (isOwnAddress(this.ctx, to)) return 'own_address';
    const counts = await this.turns.ackCounts(to, t.now);
    if (ackLimitReached(this.ctx, counts)) return 'rate_limited';
    counts.lastHour++;
    counts.lastDay++;
    const sent = await this.turns.receiptsLastHour(t.now);
    if (sent.count >= this.ctx.receiptsPerHour) return 'held';
    sent.count++;
    return 'queued';
  }
}
