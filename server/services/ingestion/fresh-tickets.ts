// The grouped path for the common case: a citizen's first mail, which opens a new ticket. Instead of ~26
// queries per mail (the database was the bottleneck), such mails are planned in memory and written per group: the tickets by
// the TicketOpener (tickets/open-ticket.ts, the same one the one-message path uses), the raw bytes, message
// rows and opening events here, one INSERT per table (db/insert-rows.ts). Everything else (duplicates, replies,
// bounces, auto-replies, quarantine, a subject that names or answers a case) takes the one-message path in
// ingest-message.ts, after `flush()`, so its lookups see every earlier row of its group.
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import { concurrently } from '../../db/concurrently.js';
import { insertRows } from '../../db/insert-rows.js';
import type { MessageAttrs } from '../../db/models/hotline.js';
import { findBodyMarker } from '../threading/index.js';
import type { OpenTicket, TicketOpener } from '../tickets/index.js';
import type { IngestContext } from './ingest-context.js';
import { openingEventKind, ticketFromMail } from './mail-ticket.js';
import { inboundRow, receiptAddressOf, messageKeyOf, type InboxRef, type PreparedMessage } from './prepared-message.js';
import { answeredSubject } from './reply-subject.js';
import { ownTicketRefFromHeaders, referenceLookupIds, subjectCaseRef } from './thread-decision.js';

interface Planned { p: PreparedMessage; ticket: OpenTicket; message: Partial<MessageAttrs>; raw: boolean }

export class FreshTickets {
  private pending: Planned[] = [];
  /** UIDs and Message-ID keys already stored (read once per group), and raw hashes stored or pending */
  private storedUids = new Set<number>();
  private seenKeys = new Set<string>();
  private rawKnown = new Set<string>();

  constructor(private readonly db: Db, private readonly ctx: IngestContext, private readonly ref: InboxRef, private readonly opener: TicketOpener) {}

  /** Reads, in three queries run together, what the group's messages could collide with, and its senders' receipt counts. */
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
    const senders = [...new Set(group.flatMap((p) => (p.parsed.ok ? [receiptAddressOf(p.parsed.mail)] : [])).filter(Boolean))];
    if (group.length) await this.opener.expectSenders(senders, group[0].now);
  }

  /** Plans `p` as a new ticket if nothing about it needs a lookup; false sends it down the one-message path. */
  async tryAdd(p: PreparedMessage): Promise<boolean> {
    const key = messageKeyOf(p);
    const seen = this.seenKeys.has(key);
    this.seenKeys.add(key); // a later copy in this group is a duplicate of this one, whichever path it takes
    if (!p.parsed.ok || p.parsed.cls.kind !== 'human' || seen || this.storedUids.has(p.msg.uid)) return false;
    const { mail } = p.parsed;
    const secret = this.ctx.secret;
    if (ownTicketRefFromHeaders(mail.inReplyTo, mail.references, secret) || referenceLookupIds(mail.inReplyTo, mail.references).length
      || findBodyMarker(`${mail.text}\n${mail.html ?? ''}`, secret) || subjectCaseRef(mail.subject) || answeredSubject(mail.subject)) return false;
    const ticket = ticketFromMail(this.ctx, this.ref, p.msg, p.parsed, p.now);
    await this.opener.open(ticket);
    this.pending.push({ p, ticket, message: inboundRow(this.ref, p.msg, p.sha256, key, p.parsed, p.now), raw: !this.rawKnown.has(p.sha256) });
    this.rawKnown.add(p.sha256);
    return true;
  }

  /** Writes the planned tickets (the opener), their raw bytes, message rows and opening events. */
  async flush(): Promise<void> {
    const planned = this.pending;
    if (!planned.length) return;
    this.pending = [];
    const { RawMessage, Message, TicketEvent } = this.db.models;
    const raws = planned.filter((x) => x.raw).map(({ p }) => ({ sha256: p.sha256, bytes: p.msg.source, size: p.msg.source.length, created_at: p.now }));
    let opened: Awaited<ReturnType<TicketOpener['flush']>> = [];
    await concurrently([
      () => insertRows(RawMessage, raws),
      async () => { opened = await this.opener.flush(); },
    ]);
    if (opened.length !== planned.length) throw new Error('the ticket opener held tickets this group did not plan');
    await insertRows(Message, planned.map((x, i) => ({ ...x.message, ticket_id: opened[i].ticket.id })));
    const messageIds = new Map((await Message.findAll({
      where: { inbox_id: this.ref.inbox.id, uid_validity: this.ref.uidValidity, uid: { [Op.in]: planned.map((x) => x.p.msg.uid) } }, attributes: ['id', 'uid'], raw: true,
    })).map((m) => [Number(m.uid), m.id]));
    await insertRows(TicketEvent, planned.map((x, i) => ({
      ticket_id: opened[i].ticket.id, kind: openingEventKind(x.ticket), message_id: messageIds.get(x.p.msg.uid)!, details: null, at: x.p.now,
    })));
  }
}
