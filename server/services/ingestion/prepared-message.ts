// The CPU half of ingesting a mail, before any transaction and on the prepare thread (prepare-thread.ts): parse
// (size and time caps in server/mail/parse.ts), classify, hash the raw bytes; and the row forms both write
// paths share (ingest-message.ts one message at a time, fresh-tickets.ts a group of new tickets at once), so
// the two cannot drift apart.
import { createHash } from 'node:crypto';
import type { HotlineInboxAttrs, MessageAttrs } from '../../db/models/hotline.js';
import { MailParseError, normaliseMessageId, parseMail, syntheticMessageId, type ParsedMail } from '../../mail/parse.js';
import { classifyMail, type Classification } from './classify.js';
import { prepareThread } from './prepare-thread.js';
import type { IngestContext } from './ingest-context.js';
import { boundedText, sanitizeForDisplay, searchKey } from './message-text.js';
import { keyWords, type TriageKeys, textKey } from '../triage/index.js';

export interface InboxRef {
  inbox: Pick<HotlineInboxAttrs, 'id' | 'agency_id' | 'history_cutoff' | 'address'>;
  agency: { id: number; code: string; name: string };
  uidValidity: string;
  /** the lease holder; the cursor only moves while we still hold the lease (fencing) */
  leaseOwner: string;
  leaseMs: number;
}

export interface FetchedRaw { uid: number; source: Buffer; internalDate?: Date | null }

const MESSAGE_ID_MAX = 190;
/** The stored form of a Message-ID: long ids are hashed to fit the unique index. */
export const keyOf = (id: string) => (id.length <= MESSAGE_ID_MAX ? id : `sha256:${createHash('sha256').update(id).digest('hex')}`);

export type Parsed = { ok: true; mail: ParsedMail; cls: Classification; forms: MailForms } | { ok: false; error: MailParseError; messageId: string };
export type ParsedOk = Extract<Parsed, { ok: true }>;
/** What classification needs of the context; all the prepare thread is told. */
export type ClassifyInput = Pick<IngestContext, 'ownAddresses' | 'ownDomain'>;

/** What is derived from the text of a parsed mail: the stored forms, and triage's folded keys (TriageMail.keys). */
export interface MailForms { textBody: string; htmlSanitized: string | null; searchText: string; triageKeys: Required<TriageKeys> }

export function mailForms(mail: ParsedMail): MailForms {
  const subject = textKey(mail.subject);
  const text = textKey(mail.text);
  return {
    textBody: boundedText(mail.text), htmlSanitized: sanitizeForDisplay(mail.html), searchText: searchKey(mail.subject, mail.text),
    triageKeys: { subject, text, subjectWords: keyWords(subject), textWords: keyWords(text) },
  };
}

/** In this thread; prepareMessage runs it on the prepare thread (prepare-thread.ts). */
export async function parseAndClassify(raw: Buffer, ctx: ClassifyInput): Promise<Parsed> {
  try {
    const mail = await parseMail(raw);
    return { ok: true, mail, cls: classifyMail(mail, { ownAddresses: ctx.ownAddresses, ownMessageIdDomain: ctx.ownDomain }), forms: mailForms(mail) };
  } catch (e) {
    if (!(e instanceof MailParseError)) throw e;
    return { ok: false, error: e, messageId: normaliseMessageId(syntheticMessageId(raw)) };
  }
}

/** A fetched message, parsed and classified (CPU only), waiting for its transaction. */
export interface PreparedMessage { msg: FetchedRaw; parsed: Parsed; sha256: string; now: Date }

export async function prepareMessage(ctx: IngestContext, msg: FetchedRaw): Promise<PreparedMessage> {
  const data = await prepareThread.prepare(msg.source, ctx);
  const parsed: Parsed = data.ok ? { ok: true, mail: data.mail, cls: data.cls, forms: data.forms }
    : { ok: false, error: new MailParseError(data.error.reason, data.error.message), messageId: data.messageId };
  return { msg, parsed, sha256: data.sha256, now: ctx.now?.() ?? new Date() };
}

/** The messages row of a parsed inbound mail, without its ticket; `now` is the fetch, the fallback receive time. */
export function inboundRow(ref: InboxRef, msg: FetchedRaw, sha256: string, messageId: string, parsed: ParsedOk, now: Date): Partial<MessageAttrs> {
  const { mail, cls, forms } = parsed;
  return {
    inbox_id: ref.inbox.id, uid_validity: ref.uidValidity, uid: msg.uid, sha256, direction: 'in', message_id: messageId, received_at: receivedAt(msg, mail, now),
    classification: cls.kind, class_reason: cls.reason.slice(0, 190),
    from_address: (mail.from?.address ?? '').toLowerCase().slice(0, 190) || null, subject: mail.subject.slice(0, 500),
    text_body: forms.textBody, html_sanitized: forms.htmlSanitized, search_text: forms.searchText,
  };
}

/** The stored Message-ID key of a prepared message (long ids are hashed to fit the unique index). */
export const messageKeyOf = (p: PreparedMessage): string => keyOf(p.parsed.ok ? p.parsed.mail.messageId : p.parsed.messageId);

/** When the mail server received the mail: its IMAP INTERNALDATE, else the sender's Date header, else the fetch. */
export const receivedAt = (msg: FetchedRaw, mail: ParsedMail | null, now: Date): Date => msg.internalDate ?? mail?.date ?? now;
/** Mail received before the inbox's history cut-off is imported as history: archived, no receipt, no clock. */
export const isHistory = (ref: InboxRef, received: Date): boolean => Boolean(ref.inbox.history_cutoff && received < ref.inbox.history_cutoff);
/** Where answers go: Reply-To first (web forms send on behalf of the citizen), then From. */
export const citizenOf = (mail: ParsedMail): string => mail.replyTo[0]?.address || mail.from?.address || '';

const domainPart = (address: string): string => address.slice(address.lastIndexOf('@') + 1);

/**
 * Where the automatic receipt goes: From, or Reply-To when it lies in From's own domain. Anyone can name a
 * stranger in Reply-To, and a receipt the agency signs would then carry the sender's mail to that stranger
 * (issue 13 item 5: backscatter, phishing); a person answering by hand still sees and uses Reply-To. '' = none.
 */
export function receiptAddressOf(mail: ParsedMail): string {
  const from = (mail.from?.address ?? '').toLowerCase();
  const replyTo = (mail.replyTo[0]?.address ?? '').toLowerCase();
  return from && replyTo && domainPart(replyTo) === domainPart(from) ? replyTo : from;
}

