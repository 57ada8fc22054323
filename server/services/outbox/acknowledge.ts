// The legal receipt for a new ticket and its guards (the TicketOpener applies them): never to our own
// addresses, never twice for a ticket (outbox key ack:<ticket>), at most N per address per hour/day
// (helpdesk.md §7 #3: an auto-responder without auto headers is only stopped here; over it, the mail is still
// ingested and an admin alert is queued, once per address per hour), and at most RECEIPTS_PER_HOUR in all:
// forged senders are unlimited, so past that rate receipts are written to the outbox `held` with the reason
// instead of sent, and the admins hear of it once per hour (issue 13 item 5).
import { Op, QueryTypes } from 'sequelize';
import type { Db } from '../../db/index.js';
import { withDbTimes } from '../../db/index.js';
import type { TicketAttrs } from '../../db/models/hotline.js';
import { randomHex } from '../crypto/index.js';
import { toLocalIso } from '../time/index.js';
import { LOOP_HEADER, makeBodyMarker, makeOwnMessageId, primarySecret, type Secrets } from '../threading/index.js';
import { enqueueAlert, type OutboxMail } from './enqueue.js';
import { renderReceipt } from './receipt.js';

/** What receipts and replies need besides the database: secrets, our own identities, and the limits. */
export interface ReceiptContext {
  /** HMAC secret(s) for own Message-IDs and body markers (newest first) */
  secret: Secrets;
  /** domain of our own Message-IDs and the X-Govmail-Loop value */
  ownDomain: string;
  /** hotline and notification addresses; mail from them is our own coming back, and never acknowledged */
  ownAddresses: string[];
  /** From of acknowledgements and alerts when the agency has no hotline address */
  mailFrom: string;
  /** admin addresses for alerts */
  alertTo: string[];
  ackLimitPerHour: number;
  ackLimitPerDay: number;
  /** receipts sent (queued) in any hour, all addresses together; more are held (RECEIPTS_PER_HOUR) */
  receiptsPerHour: number;
  /** the citizen face: BASE_URL (the receipt links the lookup page and the emblem) and PROVINCE_NAME */
  publicUrl: string;
  provinceName: string;
}

/** The default of RECEIPTS_PER_HOUR (config/env.ts). */
export const DEFAULT_RECEIPTS_PER_HOUR = 200;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function localText(d: Date | null): string {
  return d ? `${toLocalIso(d).slice(0, 16).replace('T', ' ')} (GMT+7)` : '—';
}

export type AckOutcome = 'queued' | 'own_address' | 'rate_limited' | 'held';

/** `to`: the sender's From, or a Reply-To in From's domain (ingestion's receiptAddressOf), never the ticket's Reply-To as such. */
export interface AckInput { ticket: TicketAttrs; to: string; lookupCode: string; agencyName: string; from: string; citizenMessageId: string; now: Date }

/** Receipts already queued to `to` in the last hour and the last day. */
export interface AckCounts { lastHour: number; lastDay: number }

export async function ackCounts(db: Db, to: string, now: Date): Promise<AckCounts> {
  return (await ackCountsOf(db, [to], now)).get(to)!;
}

/** Receipt counts for many addresses in one query; every address gets an entry. */
export async function ackCountsOf(db: Db, addresses: string[], now: Date): Promise<Map<string, AckCounts>> {
  const out = new Map(addresses.map((a) => [a, { lastHour: 0, lastDay: 0 }]));
  if (!addresses.length) return out;
  const rows = await db.sequelize.query<{ to_address: string; last_hour: number | string; last_day: number | string }>(
    `SELECT to_address, SUM(CASE WHEN created_at >= :hour THEN 1 ELSE 0 END) AS last_hour, COUNT(*) AS last_day
     FROM outbox WHERE kind = 'ack' AND to_address IN (:addresses) AND created_at >= :day GROUP BY to_address`,
    { type: QueryTypes.SELECT, replacements: withDbTimes(db.sequelize, {
      addresses, hour: new Date(now.getTime() - HOUR_MS), day: new Date(now.getTime() - DAY_MS) }) });
  for (const r of rows) out.set(r.to_address, { lastHour: Number(r.last_hour), lastDay: Number(r.last_day) });
  return out;
}

export const ackLimitReached = (ctx: ReceiptContext, c: AckCounts): boolean => c.lastHour >= ctx.ackLimitPerHour || c.lastDay >= ctx.ackLimitPerDay;

/** Receipts queued or sent in the hour before `now`, all addresses together (held ones do not count). */
export async function receiptsLastHour(db: Db, now: Date): Promise<number> {
  return db.models.Outbox.count({ where: { kind: 'ack', status: { [Op.ne]: 'held' }, created_at: { [Op.gte]: new Date(now.getTime() - HOUR_MS) } } });
}

export const HELD_REASON = 'held: RECEIPTS_PER_HOUR reached';

/** The admin alert for held receipts: once per clock hour, whatever the number held. */
export async function alertReceiptRate(db: Db, ctx: ReceiptContext, now: Date, held: number): Promise<void> {
  await enqueueAlert(db, `receipt-rate:${Math.floor(now.getTime() / HOUR_MS)}`, ctx.alertTo, ctx.mailFrom,
    `[govmail] Phiếu tiếp nhận bị giữ lại / Receipts held: RECEIPTS_PER_HOUR (${ctx.receiptsPerHour}) reached`,
    `Đã gửi ${ctx.receiptsPerHour} phiếu tiếp nhận trong một giờ. Các phiếu tiếp theo (${held} lúc này) được giữ trong hàng đợi thư ` +
    `(trạng thái held), không gửi đi; thư vẫn được tiếp nhận thành hồ sơ. Có thể là thư giả mạo người gửi hàng loạt.\n\n` +
    `${ctx.receiptsPerHour} receipts went out within an hour. Further receipts (${held} so far) are kept in the outbox with status held ` +
    `and not sent; the mail is still filed as tickets. Forged senders in bulk are likely.\n`);
}

export const isOwnAddress = (ctx: ReceiptContext, to: string): boolean => ctx.ownAddresses.some((a) => a.toLowerCase() === to);

/** The admin alert for a sender over the limit: once per sender per hour. */
export async function alertAckLimit(db: Db, ctx: ReceiptContext, input: Pick<AckInput, 'ticket' | 'to' | 'now'>): Promise<void> {
  const to = input.to;
  await enqueueAlert(db, `ack-limit:${to}:${Math.floor(input.now.getTime() / HOUR_MS)}`, ctx.alertTo, ctx.mailFrom,
    `[govmail] Acknowledgement limit reached for ${to}`,
    `Sender ${to} reached the acknowledgement limit (${ctx.ackLimitPerHour}/hour, ${ctx.ackLimitPerDay}/day). ` +
    `Mail from it is still ingested (latest ticket ${input.ticket.ref}) but no more receipts are sent. A mail loop is likely.`);
}

/** Whose receipt it is, and where the citizen follows the case: the ref is filled in, the code is not (it stays
 * the citizen's secret, typed from the receipt, and out of URLs, history and proxy logs). */
export function receiptFace(ctx: Pick<ReceiptContext, 'publicUrl' | 'provinceName'>, ref: string) {
  const base = ctx.publicUrl.replace(/\/+$/, '');
  return { provinceName: ctx.provinceName, lookupUrl: `${base}/tra-cuu?ref=${encodeURIComponent(ref)}`, emblemUrl: `${base}/emblem` };
}

/** The receipt (phiếu tiếp nhận) as an outbox mail, keyed `ack:<ticket>`. Pure but for the Message-ID nonce. */
export function receiptMail(ctx: ReceiptContext, input: AckInput): OutboxMail {
  const secret = primarySecret(ctx.secret);
  const messageId = makeOwnMessageId({ ticketRef: input.ticket.ref, nonce: randomHex(8), secret, domain: ctx.ownDomain });
  const receipt = renderReceipt({
    ref: input.ticket.ref, agencyName: input.agencyName, receivedAt: localText(input.ticket.received_at),
    dueAt: localText(input.ticket.due_at), lookupCode: input.lookupCode, marker: makeBodyMarker(input.ticket.ref, secret),
    ...receiptFace(ctx, input.ticket.ref),
  });
  const citizenId = `<${input.citizenMessageId}>`;
  return {
    idempotencyKey: `ack:${input.ticket.id}`, kind: 'ack', ticketId: input.ticket.id, to: input.to, from: input.from,
    subject: receipt.subject, text: receipt.text, html: receipt.html, messageId,
    headers: {
      'In-Reply-To': citizenId, References: citizenId,
      'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All', Precedence: 'auto_reply', [LOOP_HEADER]: ctx.ownDomain,
    },
  };
}
