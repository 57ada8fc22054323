// The verdict at the end of a soak, from the database and the relay's captures, never from timing:
// - lost: every mail delivered to a hotline is a stored message; a citizen's first mail opened a ticket of its own,
//   a follow-up is on its case's ticket, an auto-reply or a DSN is stored as such (never a ticket, never answered);
// - duplicates: no mail stored twice, no ticket beyond one per first mail, each outbox row's Message-ID received by
//   the relay at most once (by Message-ID, or by the exact bytes' SHA-256 where the row has no Message-ID), one receipt per ticket, one outbox row per staff reply.
import { createHash } from 'node:crypto';
import type { Ledger } from './traffic.js';
import type { World } from './world.js';
import { headerOf, normId } from './mail.js';

export interface MailChecks {
  delivered: Record<string, number>;
  lost: string[];
  misfiled: string[];
  duplicateMessages: string[];
  extraTickets: number;
  duplicateSends: string[];
  receiptsPerTicketOverOne: number;
  repliesWithoutOneRow: number;
  /** outbox rows marked sent that the relay never received */
  sentNotReceived: string[];
  /** received by the relay but not recorded sent: a worker SIGKILLed between the relay's 250 and its UPDATE */
  strandedSending: number;
  outbox: Record<string, number>;
  sent: number;
}

export async function checkMail(w: World, ledger: Ledger): Promise<MailChecks> {
  const { db } = w;
  const rows = await db.models.Message.findAll({ where: { direction: 'in' }, attributes: ['message_id', 'ticket_id', 'classification'], raw: true });
  const byId = new Map<string, typeof rows>();
  for (const r of rows) byId.set(normId(r.message_id), [...(byId.get(normId(r.message_id)) ?? []), r]);
  const lost: string[] = [];
  const misfiled: string[] = [];
  const delivered: Record<string, number> = {};
  const caseTicket = new Map<string, number | null>();
  for (const d of ledger.delivered) {
    delivered[d.kind] = (delivered[d.kind] ?? 0) + 1;
    const stored = byId.get(normId(d.messageId));
    if (!stored) {
      lost.push(`${d.kind} ${d.messageId}`);
      continue;
    }
    const m = stored[0];
    if (d.kind === 'case') caseTicket.set(normId(d.messageId), m.ticket_id);
    const wrong = d.kind === 'case' ? m.classification !== 'human' || m.ticket_id === null
      : d.kind === 'followup' ? m.classification !== 'human'
        : m.classification !== d.kind;
    if (wrong) misfiled.push(`${d.kind} ${d.messageId} stored as ${m.classification}, ticket ${m.ticket_id}`);
  }
  for (const d of ledger.delivered.filter((x) => x.kind === 'followup')) {
    const m = byId.get(normId(d.messageId))?.[0];
    if (m && m.ticket_id !== caseTicket.get(d.caseId!)) misfiled.push(`follow-up ${d.messageId} on ticket ${m.ticket_id}, its case on ${caseTicket.get(d.caseId!)}`);
  }
  const duplicateMessages = [...byId].filter(([, rs]) => rs.length > 1).map(([id, rs]) => `${id} ×${rs.length}`);
  const cases = delivered.case ?? 0;
  const extraTickets = (await db.models.Ticket.count()) - cases;

  const outbox = await db.models.Outbox.findAll({ attributes: ['id', 'idempotency_key', 'kind', 'ticket_id', 'message_id', 'status', 'raw_sha256'], raw: true });
  // A captured mail is its outbox row's by Message-ID, or, for a row that leaves the Message-ID to the transport
  // (alerts), by the SHA-256 of the exact bytes the outbox keeps and sends unchanged (outbox.raw_sha256).
  const byMessageId = new Map(outbox.filter((o) => o.message_id).map((o) => [normId(o.message_id!), o.idempotency_key]));
  const bySha = new Map(outbox.filter((o) => o.raw_sha256).map((o) => [o.raw_sha256!, o.idempotency_key]));
  const captured = new Map<string, number>();
  const duplicateSends: string[] = [];
  for (const m of w.smtp.messages) {
    const id = normId(headerOf(m.raw, 'Message-ID') ?? '(none)');
    const key = byMessageId.get(id) ?? bySha.get(createHash('sha256').update(m.raw).digest('hex'));
    if (key === undefined) duplicateSends.push(`${id}: received, but no outbox row has it`);
    else captured.set(key, (captured.get(key) ?? 0) + 1);
  }
  duplicateSends.push(...[...captured].filter(([, k]) => k > 1).map(([key, k]) => `${key} ×${k}`));
  const acks = new Map<number, number>();
  for (const o of outbox.filter((x) => x.kind === 'ack')) acks.set(o.ticket_id!, (acks.get(o.ticket_id!) ?? 0) + 1);
  const replyRows = new Set(outbox.filter((x) => x.kind === 'reply').map((o) => o.id));
  const status: Record<string, number> = {};
  for (const o of outbox) status[o.status] = (status[o.status] ?? 0) + 1;
  const sentNotReceived = outbox.filter((o) => o.status === 'sent' && !captured.has(o.idempotency_key)).map((o) => o.idempotency_key);
  const strandedSending = outbox.filter((o) => o.status !== 'sent' && captured.has(o.idempotency_key)).length;
  return {
    delivered, lost, misfiled, duplicateMessages, extraTickets, duplicateSends,
    receiptsPerTicketOverOne: [...acks.values()].filter((k) => k > 1).length,
    repliesWithoutOneRow: ledger.replies.filter((r) => !replyRows.has(r.outboxId)).length + (replyRows.size - ledger.replies.length),
    sentNotReceived, strandedSending, outbox: status, sent: w.smtp.messages.length,
  };
}

/** True while anything delivered is not yet stored, or the outbox still has mail due. */
export async function pending(w: World, ledger: Ledger): Promise<{ unstored: number; queued: number }> {
  const stored = await w.db.models.Message.count({ where: { direction: 'in' } });
  const queued = await w.db.models.Outbox.count({ where: { status: 'queued' } });
  return { unstored: Math.max(0, ledger.delivered.length - stored), queued };
}
