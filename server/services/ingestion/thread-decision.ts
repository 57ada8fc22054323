import { CASE_REF_SOURCE, findOwnMessageId, type Secrets, type TokenHmac } from '../threading/index.js';

// Which ticket an inbound mail belongs to. The caller does the lookups (DB) and hands us what it
// found; this file only decides, so the order is testable without a database:
//   1. our own HMAC-signed Message-ID in In-Reply-To/References (cannot be forged)
//   2. any stored Message-ID in In-Reply-To/References, ONLY if the sender already takes part in that ticket:
//      a Message-ID is no secret (every recipient of the mail sees it), so naming one proves nothing
//   3. the body marker (Outlook/Exchange rewrite Message-IDs and drop References)
//   4. a case ref in the subject, ONLY if the sender already takes part in that ticket
//      (Zammad #5064: otherwise anyone could inject mail into a stranger's case)
//   5. otherwise a new ticket, flagged "may relate to" for an agent to merge: the ticket a stranger's References
//      named, else the subject's ref, else the sender's open ticket whose subject this one answers ("Re:", "TL:",
//      "Fwd:" … reply-subject.ts): a From header proves nothing, so a subject never threads on its own, but an
//      officer is offered the merge.

export type ThreadVia = 'own_message_id' | 'references' | 'body_marker' | 'subject_ref';

export interface ThreadCandidates {
  /** Existing ticket named by a verified own Message-ID (see ownTicketRefFromHeaders). */
  byOwnMessageId?: string | null;
  /** Ticket owning a stored message whose Message-ID appears in In-Reply-To/References, and whether the sender is
   *  its citizen or a participant. */
  byReferences?: { ticketRef: string; senderParticipates: boolean } | null;
  /** Existing ticket named by a verified body marker (see findBodyMarker). */
  byBodyMarker?: string | null;
  /** Existing ticket whose ref is in the subject, and whether the sender is its citizen or a participant. */
  bySubjectRef?: { ticketRef: string; senderParticipates: boolean } | null;
  /** The sender's open ticket whose subject this mail answers or forwards (see answeredSubject). */
  byAnsweredSubject?: string | null;
}

export type ThreadDecision =
  | { action: 'append'; ticketRef: string; via: ThreadVia }
  | { action: 'new'; mayRelateTo?: string };

export function decideThread(input: ThreadCandidates): ThreadDecision {
  if (input.byOwnMessageId) return { action: 'append', ticketRef: input.byOwnMessageId, via: 'own_message_id' };
  const refs = input.byReferences;
  if (refs?.senderParticipates) return { action: 'append', ticketRef: refs.ticketRef, via: 'references' };
  if (input.byBodyMarker) return { action: 'append', ticketRef: input.byBodyMarker, via: 'body_marker' };
  const subject = input.bySubjectRef;
  if (subject?.senderParticipates) return { action: 'append', ticketRef: subject.ticketRef, via: 'subject_ref' };
  const related = refs?.ticketRef ?? subject?.ticketRef ?? input.byAnsweredSubject;
  return related ? { action: 'new', mayRelateTo: related } : { action: 'new' };
}

const SUBJECT_REF = new RegExp(`(?<![A-Z0-9-])(${CASE_REF_SOURCE})(?![0-9A-Z])`, 'i');

/** The first case ref in a subject (`Re: [STC-2026-000123] …`, `#STC-2026-000123`), upper-cased, or null. */
export function subjectCaseRef(subject: string): string | null {
  const match = SUBJECT_REF.exec(subject);
  return match ? match[1].toUpperCase() : null;
}

/**
 * The ticket ref named by our own Message-ID in In-Reply-To or References (newest first), HMAC
 * checked. A forged or foreign id is skipped, never trusted.
 */
export function ownTicketRefFromHeaders(
  inReplyTo: string | null,
  references: readonly string[],
  secret: Secrets,
  hmac?: TokenHmac,
): string | null {
  const ids = [inReplyTo, ...[...references].reverse()].filter((id): id is string => Boolean(id));
  return findOwnMessageId(ids, secret, hmac);
}

/** The References header has no length limit of its own; a reply's parent is In-Reply-To or among the newest. */
const NEWEST_REFERENCES_LOOKED_UP = 20;

/** Message-IDs to look up for step 2, In-Reply-To first then the newest References newest first, unique. */
export function referenceLookupIds(inReplyTo: string | null, references: readonly string[]): string[] {
  const newest = references.slice(-NEWEST_REFERENCES_LOOKED_UP).reverse();
  return [...new Set([inReplyTo, ...newest].filter((id): id is string => Boolean(id)))];
}
