// Enqueues the legal receipt for a new ticket, after the last guards: never to our own addresses, never
// twice for a ticket (outbox key ack:<ticket>), and at most N per sender per hour/day (helpdesk.md §7 #3:
// an auto-responder without auto headers is only stopped here). Over the limit, the mail is still ingested
// and an admin alert is queued, once per sender per hour.
import { randomBytes } from 'node:crypto';
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { TicketAttrs } from '../../db/models/hotline.js';
import { enqueueAlert, enqueueMail } from '../outbox/enqueue.js';
import { renderReceipt } from '../outbox/receipt.js';
import { toLocalIso } from '../sla/index.js';
import { primarySecret, type IngestContext } from './ingest-context.js';
import { LOOP_HEADER } from './classify.js';
import { makeBodyMarker, makeOwnMessageId } from './thread-tokens.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function localText(d: Date | null): string {
  return d ? `${toLocalIso(d).slice(0, 16).replace('T', ' ')} (GMT+7)` : '—';
}

export type AckOutcome = 'queued' | 'own_address' | 'rate_limited' | 'exists';

export async function acknowledgeTicket(
  db: Db, ctx: IngestContext,
  input: { ticket: TicketAttrs; lookupCode: string; agencyName: string; from: string; citizenMessageId: string; now: Date },
): Promise<AckOutcome> {
  const to = input.ticket.citizen_address;
  if (ctx.ownAddresses.some((a) => a.toLowerCase() === to)) return 'own_address';
  const since = (ms: number) => ({ to_address: to, kind: 'ack', created_at: { [Op.gte]: new Date(input.now.getTime() - ms) } });
  const lastHour = await db.models.Outbox.count({ where: since(HOUR_MS) });
  const lastDay = lastHour >= ctx.ackLimitPerHour ? 0 : await db.models.Outbox.count({ where: since(DAY_MS) });
  if (lastHour >= ctx.ackLimitPerHour || lastDay >= ctx.ackLimitPerDay) {
    await enqueueAlert(db, `ack-limit:${to}:${Math.floor(input.now.getTime() / HOUR_MS)}`, ctx.alertTo, ctx.mailFrom,
      `[govmail] Acknowledgement limit reached for ${to}`,
      `Sender ${to} reached the acknowledgement limit (${ctx.ackLimitPerHour}/hour, ${ctx.ackLimitPerDay}/day). ` +
      `Mail from it is still ingested (latest ticket ${input.ticket.ref}) but no more receipts are sent. A mail loop is likely.`);
    return 'rate_limited';
  }
  const secret = primarySecret(ctx.secret);
  const messageId = makeOwnMessageId({ ticketRef: input.ticket.ref, nonce: randomBytes(8).toString('hex'), secret, domain: ctx.ownDomain });
  const receipt = renderReceipt({
    ref: input.ticket.ref, agencyName: input.agencyName, receivedAt: localText(input.ticket.received_at),
    dueAt: localText(input.ticket.due_at), lookupCode: input.lookupCode, marker: makeBodyMarker(input.ticket.ref, secret),
    subject: input.ticket.subject,
  });
  const citizenId = `<${input.citizenMessageId}>`;
  const queued = await enqueueMail(db, {
    idempotencyKey: `ack:${input.ticket.id}`, kind: 'ack', ticketId: input.ticket.id, to, from: input.from,
    subject: receipt.subject, text: receipt.text, html: receipt.html, messageId,
    headers: {
      'In-Reply-To': citizenId, References: citizenId,
      'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All', Precedence: 'auto_reply', [LOOP_HEADER]: ctx.ownDomain,
    },
  });
  return queued ? 'queued' : 'exists';
}
