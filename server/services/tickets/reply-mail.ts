// The mail an agent's answer becomes. Pure, so the threading headers are table-testable:
// - In-Reply-To is the citizen's latest mail and References the thread so far, so the citizen's client shows
//   one conversation and their next reply carries our HMAC Message-ID back (threading step 1);
// - the body marker survives clients that rewrite Message-IDs (Outlook; threading step 3);
// - the case ref in the subject is the last resort (step 4, only for senders already in the ticket).

/** Mail clients truncate very long References; the newest ids are the ones that matter. */
export const REFERENCES_MAX = 10;

export interface ReplyMailInput {
  ref: string;
  ticketSubject: string;
  agencyName: string;
  body: string;
  marker: string;
  /** normalised (no brackets), oldest first */
  citizenMessageIds: string[];
  /** our earlier outbound Message-IDs (with brackets), oldest first */
  ownMessageIds: string[];
}

export function replySubject(ref: string, ticketSubject: string): string {
  const bare = ticketSubject.replace(/^\s*((re|fw|fwd|tl|trả lời|sv)\s*:\s*)+/i, '').replace(/\s+/g, ' ').trim();
  const tagged = bare.toUpperCase().includes(ref.toUpperCase()) ? bare : `[${ref}] ${bare}`.trim();
  return `Re: ${tagged}`.slice(0, 500);
}

/** In-Reply-To and References; empty when the ticket has no citizen mail with a real Message-ID. */
export function replyThreadHeaders(citizenIds: string[], ownIds: string[]): Record<string, string> {
  const usable = citizenIds.filter((id) => id.includes('@') && !/^(sha256|dup):/.test(id)).map((id) => `<${id}>`);
  const last = usable.at(-1);
  if (!last) return {};
  const chain = [...new Set([usable[0], ...ownIds, ...usable.slice(1)])];
  const refs = chain.length > REFERENCES_MAX ? [chain[0], ...chain.slice(-(REFERENCES_MAX - 1))] : chain;
  return { 'In-Reply-To': last, References: refs.join(' ') };
}

export function replyText(input: Pick<ReplyMailInput, 'body' | 'agencyName' | 'ref' | 'marker'>): string {
  const body = input.body.normalize('NFC').replace(/\r\n?/g, '\n').trimEnd();
  return [
    body, '', '-- ', input.agencyName, `Mã hồ sơ / Case ref: ${input.ref}`,
    'Khi trả lời, xin giữ nguyên dòng dưới đây / When replying, please keep the line below:', input.marker, '',
  ].join('\n');
}
