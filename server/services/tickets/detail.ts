// One ticket as an agent sees it: the conversation (citizen mail and our replies, oldest first), the events
// timeline, related tickets, the current assignee and who it may be assigned to. Nothing here is rendered:
// citizen text stays plain text and HTML stays the sanitised copy made at ingestion (views escape/sandbox it).
import { inList, modelRow, readRows, selectColumns, type Db } from '../../db/index.js';
import type { MessageAttrs, OutboxAttrs, TicketAttrs, TicketEventAttrs } from '../../db/models/hotline.js';
import { currentAssignees } from './assignee.js';
import { findScopedTicket, type AgencyIds } from './scope.js';
import { getClock, extensionOptions, loadCalendar } from '../sla/index.js';
import { ticketFiles, type MessageFile } from './message-files.js';
import { slaPanel, type SlaPanel } from './sla-panel.js';

export interface ConversationEntry {
  direction: 'in' | 'out';
  at: Date;
  from: string | null;
  subject: string | null;
  text: string | null;
  /** sanitised at ingestion; show only inside a sandboxed frame */
  html: string | null;
  /** for inbound: human, auto_reply, bounce…; for replies: the outbox status (queued, sent, failed) */
  state: string;
  by?: string;
  /** inbound: the stored message (its raw .eml and attachments download by this id) and its attachments */
  messageId?: number;
  files?: MessageFile[];
  /** replies: the files sent, the relay's last error when failed, and where the exact bytes sent can be downloaded */
  sentFiles?: { name: string; size: number }[];
  error?: string | null;
  rawHref?: string | null;
}

export interface TimelineEntry { kind: string; at: Date; by: string | null; text: string | null; details: Record<string, unknown> }

export interface RelatedTicket { ref: string; agency: string; relation: string | null; inScope: boolean }

export interface TicketView {
  ticket: TicketAttrs;
  agency: { id: number; name: string; code: string };
  conversation: ConversationEntry[];
  timeline: TimelineEntry[];
  related: RelatedTicket[];
  assignee: { id: number; name: string } | null;
  /** active agents and supervisors of the ticket's agency, the only valid assignees */
  agents: { id: number; name: string }[];
  /** the sending agency's copy of a referred ticket: nobody may change it */
  readOnly: boolean;
  /** complex complaint / denunciation extensions this ticket's clock allows now (extension-rules.ts) */
  legalClock: ReturnType<typeof extensionOptions>;
  /** the clock stands still: why, the note (legal ground, what is missing) and since when; null when running */
  pause: { reason: string; note: string | null; since: Date } | null;
  /** the ticket has a running clock that may be paused */
  canPause: boolean;
  /** the clock runs and the case is not accepted (thụ lý) yet */
  canAccept: boolean;
  /** deadline, working time left, pauses, extensions, acceptance (sla-panel.ts); null without a clock */
  sla: SlaPanel | null;
}

const parse = (s: string | null): Record<string, unknown> => {
  try { return s ? (JSON.parse(s) as Record<string, unknown>) : {}; } catch { return {}; }
};
/**
 * Events a mail caused (the ticket it opened, a citizen's later mail): they happened when the mail server received
 * the mail, not when the poller fetched it (minutes later, or days after an outage), so the timeline shows them at
 * the message's received time (migration 0014), as the conversation does, and first among events of that instant.
 */
const MAIL_EVENTS = new Set(['created', 'imported_history', 'inbound', 'inbound_auto']);
/** Extensions show their written reason in the timeline, like a note. */
const EXTENSION_EVENTS = ['sla_complex', 'sla_extended'];
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The active agents and supervisors of an agency, by name: whom its tickets can be assigned to. Raw: the queue
 *  and the ticket page read it on every request. */
export async function agencyAgents(db: Db, agencyId: number): Promise<{ id: number; name: string }[]> {
  const users = await readRows(db, `SELECT u.id, u.display_name FROM users u
    WHERE u.agency_id = ? AND u.active = 1 AND u.role IN ('agent', 'supervisor') ORDER BY u.display_name ASC`, [agencyId]);
  return users.map((u) => ({ id: Number(u.id), name: String(u.display_name) }));
}

/** Every row of `sql` as the model's plain attributes (db/model-rows.ts). */
async function rowsOf<T>(db: Db, model: Parameters<typeof modelRow>[0], sql: string, params: unknown[]): Promise<T[]> {
  return (await readRows(db, sql, params)).map((r) => modelRow<T>(model, r, ''));
}

/** The page's reads are raw (db/read-rows.ts), as the queue's: this page is read far more often than written. */
export async function getTicket(db: Db, ref: string, scope: AgencyIds): Promise<TicketView> {
  const ticket = await findScopedTicket(db, ref, scope);
  const { Message, TicketEvent, Outbox } = db.models;
  const [[agency], messages, events, agents, clock] = await Promise.all([
    readRows(db, 'SELECT a.id, a.name, a.code FROM agencies a WHERE a.id = ?', [ticket.agency_id]),
    rowsOf<MessageAttrs>(db, Message, `SELECT ${selectColumns(Message, 'm', '')} FROM messages m WHERE m.ticket_id = ? AND m.classification <> 'duplicate' ORDER BY m.id ASC`, [ticket.id]),
    rowsOf<TicketEventAttrs>(db, TicketEvent, `SELECT ${selectColumns(TicketEvent, 'e', '')} FROM ticket_events e WHERE e.ticket_id = ? ORDER BY e.at ASC, e.id ASC`, [ticket.id]),
    agencyAgents(db, ticket.agency_id),
    getClock(db, ticket.id),
  ]);
  // The clock row just read is where a clocked ticket's assignee is kept (assignee.ts).
  const assignees = await currentAssignees(db, [ticket.id], clock ? [clock] : []);
  const replyEvents = events.filter((e) => e.kind === 'reply');
  const outboxIds = [...new Set(replyEvents.map((e) => Number(parse(e.details).outboxId)).filter(Boolean))];
  const outbox = outboxIds.length ? await rowsOf<OutboxAttrs>(db, Outbox, `SELECT ${selectColumns(Outbox, 'o', '')} FROM outbox o WHERE o.id IN (${inList(outboxIds)})`, outboxIds) : [];
  const outboxById = new Map(outbox.map((o) => [o.id, o]));
  const files = await ticketFiles(db, messages);
  // A bounce names the Message-ID it returns (ingestion's bounce event): that reply was not delivered.
  const bounced = new Set(events.filter((e) => e.kind === 'bounce').map((e) => str(parse(e.details).original)).filter(Boolean).map((id) => `<${String(id).replace(/^<|>$/g, '')}>`));
  const conversation: ConversationEntry[] = [
    // When the mail server received each mail (migration 0014), not when it was fetched; a row without one shows its fetch.
    ...messages.map((m) => ({ direction: 'in' as const, at: m.received_at ?? m.created_at ?? ticket.received_at, from: m.from_address, subject: m.subject,
      text: m.text_body, html: m.html_sanitized, state: m.classification, messageId: m.id, files: files.get(m.id) ?? [] })),
    ...replyEvents.map((e) => {
      const d = parse(e.details);
      const o = outboxById.get(Number(d.outboxId));
      return { direction: 'out' as const, at: e.at, from: o?.from_address ?? null, subject: o?.subject ?? null, text: str(d.text), html: null,
        state: o?.message_id && bounced.has(o.message_id) ? 'bounced' : o?.status ?? 'queued', by: str(d.by) ?? undefined,
        sentFiles: Array.isArray(d.files) ? (d.files as { name: string; size: number }[]) : [], error: o?.status === 'failed' ? o.last_error : null,
        rawHref: o?.raw_sha256 ? `/tickets/${encodeURIComponent(ticket.ref)}/sent/${o.id}.eml` : null };
    }),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  // Events record the username (as the audit log does); people read display names.
  const usernames = [...new Set(events.map((e) => str(parse(e.details).by) ?? str(parse(e.details).actor)).filter((u): u is string => Boolean(u)))];
  const people = usernames.length ? await readRows(db, `SELECT u.username, u.display_name FROM users u WHERE u.username IN (${inList(usernames)})`, usernames) : [];
  const displayName = new Map(people.map((p) => [String(p.username), String(p.display_name)]));
  const nameOf = (u: string | null) => (u ? displayName.get(u) ?? u : null);
  for (const c of conversation) if (c.by) c.by = nameOf(c.by) ?? undefined;
  const receivedAt = new Map(messages.map((m) => [m.id, m.received_at]));
  const timeline = events.map((e) => {
    const d = parse(e.details);
    const mailAt = MAIL_EVENTS.has(e.kind) && e.message_id ? receivedAt.get(e.message_id) ?? null : null;
    return { kind: e.kind, at: mailAt ?? e.at, by: nameOf(str(d.by) ?? str(d.actor)),
      text: e.kind === 'note' ? str(d.text) : EXTENSION_EVENTS.includes(e.kind) ? str(d.reason) : e.kind === 'pause' ? str(d.note) : null, details: d };
  }).sort((a, b) => a.at.getTime() - b.at.getTime() || Number(MAIL_EVENTS.has(b.kind)) - Number(MAIL_EVENTS.has(a.kind)));
  const assigneeId = assignees.get(ticket.id);
  // Usually one of the agency's agents, read above; else (moved, deactivated) their own row.
  const assignee = !assigneeId ? null : agents.find((a) => a.id === assigneeId)
    ?? (await readRows(db, 'SELECT u.id, u.display_name FROM users u WHERE u.id = ?', [assigneeId])).map((u) => ({ id: Number(u.id), name: String(u.display_name) }))[0] ?? null;
  return {
    ticket, agency: { id: agency ? Number(agency.id) : ticket.agency_id, name: agency ? String(agency.name) : '', code: agency ? String(agency.code) : '' },
    conversation, timeline, related: await relatedTickets(db, ticket, scope),
    assignee, agents,
    readOnly: Boolean(clock?.read_only),
    legalClock: extensionOptions(clock, new Date()),
    pause: clock?.paused_at ? { reason: clock.pause_reason ?? '', note: clock.pause_note, since: clock.paused_at } : null,
    canPause: Boolean(clock && !clock.read_only && !clock.resolved_at && !clock.paused_at),
    canAccept: Boolean(clock && !clock.read_only && !clock.resolved_at && !clock.first_response_at),
    sla: clock && !clock.read_only ? slaPanel(clock, timeline, await loadCalendar(db, ticket.agency_id), new Date()) : null,
  };
}

/** Linked both ways (same mail to two agencies, "may relate to"). Out-of-scope ones are named, not linked. */
async function relatedTickets(db: Db, ticket: TicketAttrs, scope: AgencyIds): Promise<RelatedTicket[]> {
  const other = ticket.related_ticket_id;
  const rows = (await readRows(db, `SELECT ${selectColumns(db.models.Ticket, 't', '')}, a.name AS agency_name FROM tickets t LEFT JOIN agencies a ON a.id = t.agency_id
      WHERE (t.related_ticket_id = ?${other ? ' OR t.id = ? OR t.related_ticket_id = ?' : ''}) AND t.id <> ? ORDER BY t.id ASC`,
    [ticket.id, ...(other ? [other, other] : []), ticket.id]));
  const name = new Map(rows.map((r) => [Number(r.agency_id), r.agency_name === null || r.agency_name === undefined ? '' : String(r.agency_name)]));
  // A merge reads from each side: "merged into" that case there, "merged into this case" here.
  const relationOf = (r: TicketAttrs) => (r.id === ticket.related_ticket_id ? ticket.relation
    : r.relation === 'merged_into' && r.related_ticket_id === ticket.id ? 'merged_from' : r.relation);
  return rows.map((row) => modelRow<TicketAttrs>(db.models.Ticket, row, ''))
    .map((r) => ({ ref: r.ref, agency: name.get(r.agency_id) ?? '', relation: relationOf(r), inScope: !scope || scope.includes(r.agency_id) }));
}
