// An agent's answer to the citizen: a 'reply' event and an outbox row in one transaction, keyed `reply:<eventId>`.
// A form posted twice (double click, resubmit, retry) carries the same one-time key (form-once.ts): the second
// finds the first and sends nothing.
// The mail goes From the agency's hotline address with our HMAC Message-ID (see reply-mail.ts for threading).
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import { audit } from '../audit/index.js';
import { enqueueMail, type ReceiptContext } from '../outbox/index.js';
import { LOOP_HEADER, makeBodyMarker, makeOwnMessageId, primarySecret } from '../threading/index.js';
import { TicketInputError } from './errors.js';
import { replySubject, replyText, replyThreadHeaders } from './reply-mail.js';
import { openForChange, type Actor } from './scope.js';
import { changeStatus } from './status.js';
import { clockOnReply } from './sla-hooks.js';
import type { Seen } from './staleness.js';
import { checkAttachments, replyLetter, DEFAULT_REPLY_ATTACHMENT_MAX_BYTES, ReplyInputError, type UploadedFile } from '../replies/index.js';

export const REPLY_MAX_CHARS = 20_000;

export type ReplyContext = Pick<ReceiptContext, 'secret' | 'ownDomain' | 'mailFrom'>;

export interface ReplyInput {
  ticketRef: string; actor: Actor; body: string; close?: boolean; now?: Date;
  /** the official letter (PDF) and other files; checked by type and REPLY_ATTACHMENT_MAX_MB */
  attachments?: readonly UploadedFile[]; maxAttachmentBytes?: number;
  /** the ticket version the form was drawn from, and whether the officer confirmed sending after changes (staleness.ts) */
  seen?: Seen;
  /** the form's one-time key (form-once.ts) */
  formKey?: string | null;
}

export async function replyToTicket(db: Db, ctx: ReplyContext, input: ReplyInput): Promise<{ eventId: number; outboxId: number; messageId: string }> {
  const body = input.body.trim();
  if (!body) throw new TicketInputError('body', 'empty');
  if (body.length > REPLY_MAX_CHARS) throw new TicketInputError('body', 'too_long');
  const now = input.now ?? new Date();
  const files = attachmentsOf(input);
  return inTransaction(db.sequelize, async () => {
    const { ticket, once } = await openForChange(db, input.ticketRef, input.actor, input.seen, { action: 'reply', key: input.formKey, field: 'body',
      content: [body, Boolean(input.close), files.map((f) => [f.filename, f.content.length])] });
    const officer = (await db.models.User.findByPk(input.actor.id, { attributes: ['display_name'] }))?.display_name ?? input.actor.username;
    const letter = await replyLetter(db, ticket, officer, body);
    const agency = await db.models.Agency.findByPk(ticket.agency_id);
    const inbox = await db.models.HotlineInbox.findOne({ where: { agency_id: ticket.agency_id }, attributes: ['address'] });
    const citizenMail = await db.models.Message.findAll({ where: { ticket_id: ticket.id, direction: 'in', classification: 'human' }, order: [['id', 'ASC']], attributes: ['message_id'] });
    const ownMail = await db.models.Outbox.findAll({ where: { ticket_id: ticket.id, message_id: { [Op.ne]: null }, kind: ['ack', 'reply'] }, order: [['id', 'ASC']], attributes: ['message_id'] });
    const event = await db.models.TicketEvent.create({ ticket_id: ticket.id, kind: 'reply', message_id: null, details: null, at: now });
    const secret = primarySecret(ctx.secret);
    const messageId = makeOwnMessageId({ ticketRef: ticket.ref, nonce: `r${event.id.toString(36)}`, secret, domain: ctx.ownDomain });
    const agencyName = agency?.name ?? '';
    await enqueueMail(db, {
      idempotencyKey: `reply:${event.id}`, kind: 'reply', ticketId: ticket.id, to: ticket.citizen_address,
      from: agency?.hotline_address || inbox?.address || ctx.mailFrom,
      subject: replySubject(ticket.ref, ticket.subject),
      text: replyText({ body: letter, agencyName, ref: ticket.ref, marker: makeBodyMarker(ticket.ref, secret) }),
      messageId,
      headers: { ...replyThreadHeaders(citizenMail.map((m) => m.message_id), ownMail.map((o) => o.message_id!)), [LOOP_HEADER]: ctx.ownDomain },
      attachments: files,
    });
    const outbox = (await db.models.Outbox.findOne({ where: { idempotency_key: `reply:${event.id}` }, attributes: ['id'] }))!;
    await event.update({ details: JSON.stringify({ by: input.actor.username, text: letter, outboxId: outbox.id, messageId,
      files: files.map((f) => ({ name: f.filename, type: f.contentType, size: f.content.length })) }) });
    await audit(db, { actor: input.actor.username, action: 'ticket.reply', target: ticket.ref, details: { eventId: event.id, outboxId: outbox.id, files: files.length, close: Boolean(input.close) } });
    await clockOnReply(db, ticket.id, now, input.actor.username);
    await once.done(event.id);
    // The first answer opens a new ticket; "reply and close" closes it in the same transaction.
    const next = input.close ? 'closed' : ticket.status === 'new' ? 'open' : null;
    if (next) await changeStatus(db, ticket, next, input.actor, now);
    return { eventId: event.id, outboxId: outbox.id, messageId };
  });
}

/** The files as outbox attachments; a bad one is an input error on the reply form's 'attachment' field. */
function attachmentsOf(input: ReplyInput) {
  try {
    return checkAttachments(input.attachments ?? [], input.maxAttachmentBytes ?? DEFAULT_REPLY_ATTACHMENT_MAX_BYTES);
  } catch (e) {
    if (e instanceof ReplyInputError) throw new TicketInputError(e.field, e.id, e.params); // the limit, the file's name
    throw e;
  }
}
