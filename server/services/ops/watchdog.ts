// The watchdog (job `ops.watchdog`, every few minutes): what nobody would otherwise notice — an inbox no worker
// owns or whose last success is stale, outbox mail that failed or may not have gone in the last period, SLA reminders that reached
// nobody — goes to the alert address through the outbox. Each condition's key carries the period's slot, so a
// condition that lasts alerts once per period (WATCHDOG_PERIOD_MS), not at every tick, and two watchdogs running
// at once queue one alert (the outbox key is unique).
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import { enqueueAlert } from '../outbox/index.js';
import { inboxHealth, outboxFailuresSince } from './ops-state.js';

export const WATCHDOG_PERIOD_MS = 6 * 60 * 60_000;
/** The timeline kinds the SLA tick writes when a reminder or escalation had no recipient (services/sla/tick.ts). */
export const UNREACHED_KINDS = ['reminder_unreached', 'escalation_unreached'];

export interface WatchdogOptions {
  now: Date;
  inboxStaleMs: number;
  /** the alert addresses (services/notify alertAddresses) and the sender */
  alertTo: readonly string[];
  from: string;
  periodMs?: number;
}

export interface WatchdogCondition { key: string; subject: string; text: string }

/** What is wrong at `now`, one entry per condition (empty when all is well). */
export async function watchdogConditions(db: Db, opts: Omit<WatchdogOptions, 'alertTo' | 'from'>): Promise<WatchdogCondition[]> {
  const periodMs = opts.periodMs ?? WATCHDOG_PERIOD_MS;
  const since = new Date(opts.now.getTime() - periodMs);
  const [inboxes, failures, unreached] = await Promise.all([
    inboxHealth(db, opts.now, opts.inboxStaleMs),
    outboxFailuresSince(db, since),
    db.models.TicketEvent.count({ where: { kind: { [Op.in]: UNREACHED_KINDS }, at: { [Op.gte]: since } } }),
  ]);
  const out: WatchdogCondition[] = [];
  for (const i of inboxes) {
    if (!i.owned) {
      out.push({ key: `inbox-unowned:${i.agency}`, subject: `[govmail] Hộp thư đường dây nóng ${i.agency} không có tiến trình nào đọc / Hotline inbox ${i.agency} has no owner`,
        text: `Không tiến trình worker nào giữ hộp thư đường dây nóng của ${i.agency}: thư của công dân không được đọc. Kiểm tra tiến trình govmail worker.\n\n`
          + `No worker holds the hotline inbox of ${i.agency}: citizens' mail is not being read. Check the govmail worker processes.\n`
          + `Last success / Lần đọc thành công cuối: ${i.lastOkAt?.toISOString() ?? 'never / chưa bao giờ'}\n` });
    }
    if (i.stale) {
      out.push({ key: `inbox-stale:${i.agency}`, subject: `[govmail] Hộp thư đường dây nóng ${i.agency} lâu không đọc được / Hotline inbox ${i.agency} is stale`,
        text: `Hộp thư đường dây nóng của ${i.agency} không được đọc thành công trong ${Math.round(opts.inboxStaleMs / 60_000)} phút (${i.consecutiveFailures} lần lỗi liên tiếp).\n\n`
          + `The hotline inbox of ${i.agency} had no successful poll for ${Math.round(opts.inboxStaleMs / 60_000)} min (${i.consecutiveFailures} failures in a row).\n`
          + `Last success / Lần đọc thành công cuối: ${i.lastOkAt?.toISOString() ?? 'never / chưa bao giờ'}\n` });
    }
  }
  if (failures.failed + failures.unknown > 0) {
    const hours = Math.round(periodMs / 3_600_000);
    out.push({ key: 'outbox-failed', subject: `[govmail] ${failures.failed + failures.unknown} thư gửi đi bị lỗi / outgoing mail failed`,
      text: `Trong ${hours} giờ qua, ${failures.failed} thư gửi đi thất bại và ${failures.unknown} thư không rõ đã gửi hay chưa. Xem trang chủ quản trị.\n\n`
        + `In the last ${hours} h, ${failures.failed} outgoing mail failed and ${failures.unknown} had an unknown outcome. See the admin home page.\n` });
  }
  if (unreached > 0) {
    out.push({ key: 'sla-unreached', subject: `[govmail] ${unreached} thư nhắc hạn không tới ai / SLA notices reached nobody`,
      text: `${unreached} thư nhắc hạn hoặc báo quá hạn trong ${Math.round(periodMs / 3_600_000)} giờ qua không có người nhận (không ai được phân công hoặc không có hộp thư công vụ).\n\n`
        + `${unreached} SLA reminders or escalations in the last ${Math.round(periodMs / 3_600_000)} h had no recipient (nobody assigned, or no official mailbox).\n` });
  }
  return out;
}

/** Queues one alert per condition for this period; returns the conditions' keys (queued now or earlier). */
export async function runWatchdog(db: Db, opts: WatchdogOptions): Promise<string[]> {
  const slot = Math.floor(opts.now.getTime() / (opts.periodMs ?? WATCHDOG_PERIOD_MS));
  const conditions = await watchdogConditions(db, opts);
  for (const c of conditions) await enqueueAlert(db, `watchdog:${c.key}:${slot}`, opts.alertTo, opts.from, c.subject, c.text);
  return conditions.map((c) => c.key);
}
