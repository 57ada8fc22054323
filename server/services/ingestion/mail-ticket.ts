// What a citizen's first mail asks of the TicketOpener (tickets/open-ticket.ts), for both write paths of
// ingest-message.ts: the same input whether the mail is written alone or with its group.
import type { OpenTicket } from '../tickets/index.js';
import { triageMailOf } from '../triage/index.js';
import type { IngestContext } from './ingest-context.js';
import { citizenOf, isHistory, receiptAddressOf, receivedAt, type FetchedRaw, type InboxRef, type ParsedOk } from './prepared-message.js';

export function ticketFromMail(ctx: IngestContext, ref: InboxRef, msg: FetchedRaw, parsed: ParsedOk, now: Date,
  related: OpenTicket['related'] = null): OpenTicket {
  const { mail } = parsed;
  const received = receivedAt(msg, mail, now);
  return {
    agency: ref.agency, citizenAddress: citizenOf(mail), citizenName: mail.from?.name ?? null, subject: mail.subject, receivedAt: received,
    history: isHistory(ref, received), related, triage: triageMailOf(mail, ref.inbox.address, parsed.forms.triageKeys),
    receipt: { to: receiptAddressOf(mail), from: ref.inbox.address ?? ctx.mailFrom, citizenMessageId: mail.messageId }, now,
  };
}

/** The event that ties the opening mail to its ticket. */
export const openingEventKind = (t: OpenTicket): 'created' | 'imported_history' => (t.history ? 'imported_history' : 'created');
