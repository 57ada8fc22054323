import { headerValue, headerValues, type ParsedMail } from '../../mail/parsed-mail.js';
import { autoReplySubjectPrefix, looksLikeBounceSubject } from './auto-reply-subjects.js';
import { contentTypeParam, firstToken, hasNullReturnPath, mediaType, precedenceOf } from './header-reading.js';
import { LOOP_HEADER } from '../threading/index.js';

// Decides what an inbound mail is before anything may answer it. Only 'human' may open a ticket
// or get an acknowledgement; every other kind is stored and linked but never answered, because
// loops (auto-reply ↔ acknowledgement) are the most-reported failure in every helpdesk tracker.

export type MailKind = 'human' | 'auto_reply' | 'bounce' | 'list' | 'loop' | 'spam';

export interface Classification {
  kind: MailKind;
  /** Stable, log-friendly: `<rule>` or `<rule>:<evidence>`. */
  reason: string;
}

export interface ClassifyContext {
  /** Our hotline and notification addresses; mail From them is our own coming back. */
  ownAddresses: string[];
  /**
   * Domain of our own Message-IDs, and the value we put in X-Govmail-Loop. Must be a domain only
   * govmail mints ids in, not the agency's mail domain, whose staff mail clients use it too.
   */
  ownMessageIdDomain: string;
}

const BOUNCE_SENDER = /^(mailer-daemon|postmaster|mail-daemon|mailer_daemon)$/i;
const BOUNCE_REPORT_TYPES = new Set(['delivery-status', 'feedback-report', '']);
const AUTO_PRECEDENCE = /^(auto_reply|auto-reply|bulk|junk)$/i;
const AUTO_REPLY_PRESENCE_HEADERS = [
  'x-autoreply', 'x-autorespond', 'x-autoresponse', 'x-autoreply-from', 'x-mail-autoreply',
];
// Envelope senders of list managers (majordomo owner-x@, Mailman x-bounces@, x-request@).
const LIST_ENVELOPE_SENDER = /(^|<)(owner-[^@]+|[^@<]+-(owner|request|bounces?)(\+[^@]*)?)@/i;
const LIST_HEADERS = ['list-id', 'list-unsubscribe', 'list-post', 'x-mailing-list', 'x-mailman-version'];

type Rule = (mail: ParsedMail, ctx: ClassifyContext) => Classification | null;

/** Rules in priority order; the first that fires decides. */
const RULES: Rule[] = [ownLoop, bounce, spam, explicitAutoReply, mailingList, heuristicAutoReply];

export function classifyMail(mail: ParsedMail, ctx: ClassifyContext): Classification {
  for (const rule of RULES) {
    const verdict = rule(mail, ctx);
    if (verdict) return verdict;
  }
  return { kind: 'human', reason: 'no_automation_signal' };
}

function ownLoop(mail: ParsedMail, ctx: ClassifyContext): Classification | null {
  const own = new Set(ctx.ownAddresses.map((a) => a.trim().toLowerCase()));
  const from = mail.from?.address.toLowerCase() ?? '';
  if (from && own.has(from)) return { kind: 'loop', reason: `own_address:${from}` };
  const domain = ctx.ownMessageIdDomain.toLowerCase();
  const loopValues = headerValues(mail.headers, LOOP_HEADER).map((v) => v.trim().toLowerCase());
  if (loopValues.includes(domain)) return { kind: 'loop', reason: 'own_loop_header' };
  if (!mail.messageIdSynthetic && mail.messageId.endsWith('@' + domain)) {
    return { kind: 'loop', reason: 'own_message_id' };
  }
  return null;
}

function bounce(mail: ParsedMail): Classification | null {
  const type = mediaType(mail.contentType);
  const reportType = contentTypeParam(mail.contentType, 'report-type').toLowerCase();
  if (type === 'multipart/report' && BOUNCE_REPORT_TYPES.has(reportType)) {
    return { kind: 'bounce', reason: `multipart_report:${reportType || 'unspecified'}` };
  }
  if (mail.headers.has('x-failed-recipients')) return { kind: 'bounce', reason: 'x_failed_recipients' };
  const local = (mail.from?.address ?? '').split('@')[0];
  if (BOUNCE_SENDER.test(local)) return { kind: 'bounce', reason: `sender:${local.toLowerCase()}` };
  // No usable From plus a non-delivery subject: old MTAs (cpython msg_05) and stripped DSNs.
  if ((hasNullReturnPath(mail) || !mail.from?.address) && looksLikeBounceSubject(mail.subject)) {
    return { kind: 'bounce', reason: 'bounce_subject' };
  }
  return null;
}

function spam(mail: ParsedMail): Classification | null {
  for (const name of ['x-spam-flag', 'x-spam-status']) {
    if (/^yes\b/i.test(headerValue(mail.headers, name) ?? '')) return { kind: 'spam', reason: name };
  }
  return null;
}

function explicitAutoReply(mail: ParsedMail): Classification | null {
  // RFC 3834: any Auto-Submitted value other than "no" is automatic ("auto-generated (failure)" too).
  const submitted = firstToken(headerValue(mail.headers, 'auto-submitted') ?? '');
  if (submitted && submitted !== 'no') return { kind: 'auto_reply', reason: `auto_submitted:${submitted}` };
  if (mediaType(mail.contentType) === 'multipart/report') {
    // Read receipts (report-type=disposition-notification) are machine answers, not citizen mail.
    return { kind: 'auto_reply', reason: `multipart_report:${contentTypeParam(mail.contentType, 'report-type').toLowerCase()}` };
  }
  for (const name of AUTO_REPLY_PRESENCE_HEADERS) {
    const value = headerValue(mail.headers, name);
    if (value !== undefined && !/^no$/i.test(value.trim())) return { kind: 'auto_reply', reason: name };
  }
  if (/^reply/i.test(headerValue(mail.headers, 'x-autogenerated') ?? '')) {
    return { kind: 'auto_reply', reason: 'x-autogenerated' };
  }
  // Outlook stamps X-Auto-Response-Suppress on ordinary mail, so it counts only together with the
  // Exchange inbox-rule loop header or a null Return-Path, as Exchange out-of-office replies carry.
  if (mail.headers.has('x-auto-response-suppress')) {
    if (mail.headers.has('x-ms-exchange-inbox-rules-loop') || hasNullReturnPath(mail)) {
      return { kind: 'auto_reply', reason: 'exchange_auto_reply' };
    }
  }
  // Another installation's loop header: an automated govmail elsewhere, never a citizen.
  if (mail.headers.has(LOOP_HEADER)) return { kind: 'auto_reply', reason: 'foreign_loop_header' };
  return null;
}

function mailingList(mail: ParsedMail): Classification | null {
  for (const name of LIST_HEADERS) if (mail.headers.has(name)) return { kind: 'list', reason: name };
  const precedence = precedenceOf(mail);
  if (precedence === 'list') return { kind: 'list', reason: 'precedence:list' };
  for (const name of ['sender', 'return-path']) {
    if (LIST_ENVELOPE_SENDER.test(headerValue(mail.headers, name) ?? '')) {
      return { kind: 'list', reason: `list_envelope_sender:${name}` };
    }
  }
  if (/\b(mailman|majordomo|listserv|ezmlm|sympa)\b/i.test(headerValue(mail.headers, 'x-mailer') ?? '')) {
    return { kind: 'list', reason: 'list_manager_mailer' };
  }
  return null;
}

function heuristicAutoReply(mail: ParsedMail): Classification | null {
  const precedence = precedenceOf(mail);
  if (AUTO_PRECEDENCE.test(precedence)) return { kind: 'auto_reply', reason: `precedence:${precedence}` };
  if (/vacation|autorespond|auto-reply/i.test(headerValue(mail.headers, 'x-mailer') ?? '')) {
    return { kind: 'auto_reply', reason: 'x_mailer_vacation' };
  }
  const prefix = autoReplySubjectPrefix(mail.subject);
  if (prefix) return { kind: 'auto_reply', reason: `subject:${prefix}` };
  return null;
}
