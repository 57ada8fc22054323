// The grouped fast path for the common case: a citizen's first mail, which opens a new ticket. Instead of
// ~26 queries per mail (bench: 40 msg/s), such mails are planned in memory and written per group with one
// multi-row INSERT per table (db/insert-rows.ts). Everything else (duplicates, replies, bounces, auto-replies, quarantine,
// history, named assignees, senders at the receipt limit) takes the one-message path in ingest-message.ts,
// after `flush()`, so it sees every earlier row of its group; `afterSlowPath()` then forgets what that path
// may have changed (turns, sequences, receipt counts). The rows are the ones the one-message path writes,
// built by the same functions; test/integration/ingestion/fresh-tickets.test.ts compares both paths row by row.
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import { insertRows } from '../../db/insert-rows.js';
import type { MessageAttrs, TicketAttrs } from '../../db/models/hotline.js';
import type { TicketSlaAttrs } from '../../db/models/sla.js';
import { outboxRow } from '../outbox/enqueue.js';
import { newClock } from '../sla/clock-store.js';
import { triageChanges, triageEvent, triageMailOf, type TriageChanges } from '../triage/apply-triage.js';
import { evaluateRules } from '../triage/rules.js';
import { ackLimitReached, isOwnAddress, receiptMail } from '../outbox/acknowledge.js';
import { GroupConfig, GroupTurns } from './group-state.js';
import type { IngestContext } from './ingest-context.js';
import {
  citizenOf, inboundRow, isHistory, messageKeyOf, receivedAt, type InboxRef, type PreparedMessage,
} from './prepared-message.js';
import { findBodyMarker, formatRef, refPrefixOf } from '../threading/index.js';
import { newLookupCode, newTicketRow } from '../tickets/ticket-create.js';
import { ownTicketRefFromHeaders, referenceLookupIds, subjectCaseRef } from './thread-decision.js';
import { answeredSubject } from './reply-subject.js';

/**
 * Starts each statement without waiting for the one before (the rows of the next are built while the last
 * runs), then waits for all of them. A failure is thrown only once none is still running: a statement left
 * queued behind the ROLLBACK would run outside the transaction.
 */
async function concurrently(statements: (() => Promise<void>)[]): Promise<void> {
  const started: Promise<void>[] = [];
  let error: unknown = null;
  for (const statement of statements) {
    try {
      started.push(statement());
    } catch (e) {
      error = e;
      break;
    }
  }
  for (const result of await Promise.allSettled(started)) if (result.status === 'rejected' && error === null) error = result.reason;
  if (error !== null) throw error;
}

interface Planned {
  p: PreparedMessage;
  ticket: Omit<TicketAttrs, 'id'>;
  clock: TicketSlaAttrs;
  slaEvent: ReturnType<typeof newClock>['event'];
  triage: { ruleId: string | null; assigneeId: number | null; changes: TriageChanges };
  message: Partial<MessageAttrs>;
  lookupCode: string;
  citizenMessageId: string;
  raw: boolean;
}

export class FreshTickets {
  private readonly config: GroupConfig;
  private turns: GroupTurns;
  private pending: Planned[] = [];
  /** UIDs and Message-ID keys already stored (read once per group), and raw hashes stored or pending */
  private storedUids = new Set<number>();
  private seenKeys = new Set<string>();
  private rawKnown = new Set<string>();

  private citizens: string[] = [];

  constructor(private readonly db: Db, private readonly ctx: IngestContext, private readonly ref: InboxRef) {
    this.config = new GroupConfig(db);
    this.turns = new GroupTurns(db, []); // prefetch() replaces it with one that knows the group's citizens
  }

  /** Reads, in three queries run together, what the group's messages could collide with. */
  async prefetch(group: PreparedMessage[]): Promise<void> {
    const { Message, RawMessage } = this.db.models;
    await concurrently([
      async () => {
        const where = { inbox_id: this.ref.inbox.id, uid_validity: this.ref.uidValidity, uid: { [Op.in]: group.map((p) => p.msg.uid) } };
        for (const m of await Message.findAll({ where, attributes: ['uid'], raw: true })) this.storedUids.add(Number(m.uid));
      },
      // Any inbox: the same Message-ID elsewhere means "same mail to two agencies" (linked tickets): slow path.
      async () => {
        const where = { message_id: { [Op.in]: group.map(messageKeyOf) } };
        for (const m of await Message.findAll({ where, attributes: ['message_id'], raw: true })) this.seenKeys.add(m.message_id);
      },
      async () => {
        const where = { sha256: { [Op.in]: group.map((p) => p.sha256) } };
        for (const r of await RawMessage.findAll({ where, attributes: ['sha256'], raw: true })) this.rawKnown.add(r.sha256);
      },
    ]);
    this.citizens = [...new Set(group.flatMap((p) => (p.parsed.ok ? [citizenOf(p.parsed.mail).toLowerCase()] : [])).filter(Boolean))];
    this.turns = new GroupTurns(this.db, this.citizens);
  }

  /** Plans `p` as a new ticket if it qualifies; false sends it down the one-message path. */
  async tryAdd(p: PreparedMessage): Promise<boolean> {
    const key = messageKeyOf(p);
    const seen = this.seenKeys.has(key);
    this.seenKeys.add(key); // a later copy in this group is a duplicate of this one, whichever path it takes
    if (!p.parsed.ok || p.parsed.cls.kind !== 'human' || seen || this.storedUids.has(p.msg.uid)) return false;
    const { mail } = p.parsed;
    const { ctx, ref } = this;
    if (ownTicketRefFromHeaders(mail.inReplyTo, mail.references, ctx.secret) || referenceLookupIds(mail.inReplyTo, mail.references).length
      || findBodyMarker(`${mail.text}\n${mail.html ?? ''}`, ctx.secret) || subjectCaseRef(mail.subject) || answeredSubject(mail.subject)) return false;
    const received = receivedAt(p.msg, mail, p.now);
    const citizen = citizenOf(mail);
    if (isHistory(ref, received) || !citizen || isOwnAddress(ctx, citizen.toLowerCase())) return false;
    const triageMail = triageMailOf(mail, ref.inbox.address, p.parsed.forms.triageKeys);
    const result = evaluateRules(await this.config.rules(), triageMail);
    if (result.actions.assignee) return false;
    const counts = await this.turns.ackCounts(citizen.toLowerCase(), p.now);
    if (ackLimitReached(ctx, counts)) return false;

    const prefix = refPrefixOf(ref.agency.code, received);
    const lookupCode = newLookupCode();
    const base = newTicketRow({ agencyId: ref.agency.id, agencyCode: ref.agency.code, citizenAddress: citizen, citizenName: mail.from?.name ?? null,
      subject: mail.subject, receivedAt: received, history: false }, formatRef(prefix, await this.turns.nextSequence(prefix)), lookupCode, { deadlines: false });
    const changes = triageChanges(base, result.actions, await this.config.agencyId(result.actions.agencyCode, base.agency_id));
    const assigneeId = await this.turns.nextAssignee(changes.agency_id);
    const triaged = { ...base, ...changes, id: 0 } as TicketAttrs;
    const { clock, event } = newClock(triaged, await this.config.policy(changes.class, changes.priority), await this.config.calendar(changes.agency_id),
      { assigneeId, triageRule: result.matched?.id ?? null });
    counts.lastHour++;
    counts.lastDay++;
    this.pending.push({
      p, ticket: { ...base, ...changes, due_at: clock.resolution_due, first_response_due_at: clock.first_response_due }, clock, slaEvent: event,
      triage: { ruleId: result.matched?.id ?? null, assigneeId, changes }, message: inboundRow(ref, p.msg, p.sha256, key, p.parsed, p.now), lookupCode,
      citizenMessageId: mail.messageId, raw: !this.rawKnown.has(p.sha256),
    });
    this.rawKnown.add(p.sha256);
    return true;
  }

  /**
   * Writes every planned ticket: one INSERT per table, ids read back by their unique keys. Statements that do
   * not depend on each other are started together, so each next one's rows are built while SQLite (on libuv's
   * pool) or MariaDB executes the last.
   */
  async flush(): Promise<void> {
    const planned = this.pending;
    if (!planned.length) return;
    this.pending = [];
    const { RawMessage, Ticket, Message, TicketSla, TicketEvent, Outbox } = this.db.models;
    const raws = planned.filter((x) => x.raw).map(({ p }) => ({ sha256: p.sha256, bytes: p.msg.source, size: p.msg.source.length, created_at: p.now }));
    await concurrently([
      () => insertRows(RawMessage, raws),
      () => insertRows(Ticket, planned.map((x) => x.ticket)),
    ]);
    const ticketIds = new Map((await Ticket.findAll({ where: { ref: { [Op.in]: planned.map((x) => x.ticket.ref) } }, attributes: ['id', 'ref'], raw: true }))
      .map((t) => [t.ref, t.id]));
    const tickets = planned.map((x) => ({ ...x.ticket, id: ticketIds.get(x.ticket.ref)! }) as TicketAttrs);
    await concurrently([
      () => insertRows(Message, planned.map((x, i) => ({ ...x.message, ticket_id: tickets[i].id }))),
      () => insertRows(TicketSla, planned.map((x, i) => ({ ...x.clock, ticket_id: tickets[i].id }))),
      () => insertRows(Outbox, planned.map((x, i) => outboxRow(receiptMail(this.ctx, {
        ticket: tickets[i], lookupCode: x.lookupCode, agencyName: this.ref.agency.name, from: this.ref.inbox.address ?? this.ctx.mailFrom,
        citizenMessageId: x.citizenMessageId, now: x.p.now,
      })))),
    ]);
    const messageIds = new Map((await Message.findAll({
      where: { inbox_id: this.ref.inbox.id, uid_validity: this.ref.uidValidity, uid: { [Op.in]: planned.map((x) => x.p.msg.uid) } }, attributes: ['id', 'uid'], raw: true,
    })).map((m) => [Number(m.uid), m.id]));
    // The same events, in the same order per ticket, as triage → clock → created on the one-message path.
    await insertRows(TicketEvent, planned.flatMap((x, i) => [
      triageEvent(tickets[i], x.triage.ruleId, x.triage.changes, x.triage.assigneeId),
      { ticket_id: tickets[i].id, kind: x.slaEvent.kind, message_id: null, details: JSON.stringify(x.slaEvent.details), at: x.slaEvent.at },
      { ticket_id: tickets[i].id, kind: 'created', message_id: messageIds.get(x.p.msg.uid)!, details: null, at: x.p.now },
    ]));
    await this.turns.save();
  }

  /** The one-message path ran: its writes may have moved turns, sequences and receipt counts. */
  afterSlowPath(): void {
    this.turns = new GroupTurns(this.db, this.citizens);
  }
}
