// The load: loops that run side by side until the end of the soak. Citizens write new cases to random hotlines
// and answer our receipts; staff reply through the service the web's reply form calls (replyToTicket); what our
// outbox sends comes back now and then as a vacation auto-reply or, for a reply, a DSN; and a chaos loop SIGKILLs
// a pool worker and starts another. Every mail delivered is written in the ledger, which the checks read at the end.
import { Op } from 'sequelize';
import { replyToTicket } from '../../server/services/tickets/index.js';
import { autoReply, dsn, headerOf, mail, normId } from './mail.js';
import type { World } from './world.js';

export type InboundKind = 'case' | 'followup' | 'auto_reply' | 'bounce';

export interface Delivered { messageId: string; kind: InboundKind; inbox: string; citizen?: string; caseId?: string }

export interface Ledger {
  delivered: Delivered[];
  replies: { ref: string; outboxId: number }[];
  kills: number;
  errors: string[];
}

export interface TrafficOptions {
  endAtMs: number;
  /** mean seconds between two citizens' first mails */
  caseEverySec: number;
  /** mean seconds between two staff replies */
  replyEverySec: number;
  /** mean seconds between two SIGKILLs of a pool worker */
  killEverySec: number;
  /** share of our receipts that get an auto-reply, and of our replies that bounce */
  echoShare: number;
  random: () => number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A random pause around `meanSec`, uniform over [0.5, 1.5] × mean, cut at the end of the soak. */
function pause(o: TrafficOptions, meanSec: number): Promise<void> {
  return sleep(Math.max(0, Math.min(meanSec * 1000 * (0.5 + o.random()), o.endAtMs - Date.now()))).then(() => undefined);
}

async function loop(o: TrafficOptions, ledger: Ledger, name: string, meanSec: number, step: () => Promise<void>): Promise<void> {
  await pause(o, meanSec);
  while (Date.now() < o.endAtMs) {
    try {
      await step();
    } catch (e) {
      ledger.errors.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    await pause(o, meanSec);
  }
}

export async function runTraffic(w: World, o: TrafficOptions): Promise<Ledger> {
  const ledger: Ledger = { delivered: [], replies: [], kills: 0, errors: [] };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(o.random() * xs.length)];
  const deliver = async (to: string, raw: Buffer, d: Omit<Delivered, 'inbox'>) => {
    await w.dv.deliver(to, raw);
    ledger.delivered.push({ ...d, inbox: to });
  };
  // Captured receipts, by the citizen mail they answer (their In-Reply-To): what a follow-up or an auto-reply answers.
  const receipts: { ackId: string; caseId: string; citizen: string; inbox: string }[] = [];
  let seen = 0;
  let n = 0;

  const citizens = loop(o, ledger, 'citizen', o.caseEverySec, async () => {
    const i = n++;
    // One in four mails is a citizen answering our receipt of their case, which must thread into it.
    const r = o.random() < 0.25 && receipts.length ? pick(receipts) : null;
    if (r) {
      const messageId = `<soak-f${i}@citizen.example>`;
      await deliver(r.inbox, mail({ from: r.citizen, to: r.inbox, subject: 'Re: Bổ sung thông tin', messageId,
        headers: [`In-Reply-To: ${r.ackId}`, `References: <${r.caseId}> ${r.ackId}`], body: `Tôi xin bổ sung ảnh chụp hiện trường (${i}).` }),
      { messageId, kind: 'followup', citizen: r.citizen, caseId: r.caseId });
      return;
    }
    const h = pick(w.hotlines);
    const citizen = `cd${i}@example.vn`;
    const messageId = `<soak-c${i}@citizen.example>`;
    await deliver(h.address, mail({ from: `Công dân ${i} <${citizen}>`, to: h.address, subject: `Phản ánh số ${i}: đường liên xã sạt lở`, messageId }),
      { messageId, kind: 'case', citizen });
  });

  const staff = loop(o, ledger, 'staff', o.replyEverySec, async () => {
    const t = await w.db.models.Ticket.findOne({ where: { status: { [Op.in]: ['new', 'open'] } }, order: w.db.sequelize.random(), attributes: ['ref', 'agency_id'] });
    const h = t && w.hotlines.find((x) => x.agent.agency_id === t.agency_id);
    if (!t || !h) return;
    const r = await replyToTicket(w.db, w.replyContext, { ticketRef: t.ref, actor: h.agent, body: 'Sở đã tiếp nhận và cử cán bộ kiểm tra hiện trường trong tuần này.' });
    ledger.replies.push({ ref: t.ref, outboxId: r.outboxId });
  });

  // Reads what the relay received since the last look: receipts are remembered for follow-ups, and a share of
  // receipts and replies comes back as an auto-reply or a bounce.
  const echoes = loop(o, ledger, 'echo', 2, async () => {
    const fresh = w.smtp.messages.slice(seen);
    seen += fresh.length;
    const ids = fresh.map((m) => headerOf(m.raw, 'Message-ID')).filter((x): x is string => Boolean(x));
    const rows = await w.db.models.Outbox.findAll({ where: { message_id: ids }, attributes: ['message_id', 'kind', 'from_address', 'to_address'] });
    for (const m of fresh) {
      const id = headerOf(m.raw, 'Message-ID');
      const row = rows.find((x) => x.message_id === id);
      const answers = headerOf(m.raw, 'In-Reply-To');
      if (!row || !id || !answers) continue;
      if (row.kind === 'ack') {
        receipts.push({ ackId: id, caseId: normId(answers.split(/\s+/)[0]), citizen: row.to_address, inbox: row.from_address });
        if (o.random() < o.echoShare) {
          const messageId = `<soak-a${n++}@citizen.example>`;
          await deliver(row.from_address, autoReply({ from: row.to_address, to: row.from_address, inReplyTo: id, messageId }), { messageId, kind: 'auto_reply', citizen: row.to_address });
        }
      } else if (row.kind === 'reply' && o.random() < o.echoShare) {
        const messageId = `<soak-b${n++}@mx.example.vn>`;
        await deliver(row.from_address, dsn({ to: row.from_address, failedRcpt: row.to_address, original: m.raw, messageId }), { messageId, kind: 'bounce' });
      }
    }
  });

  const chaos = loop(o, ledger, 'chaos', o.killEverySec, async () => {
    await w.killOne(Math.floor(o.random() * 1e9));
    ledger.kills++;
  });

  await Promise.all([citizens, staff, echoes, chaos]);
  return ledger;
}
