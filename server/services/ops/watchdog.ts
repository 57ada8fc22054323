// The watchdog (job `ops.watchdog`, every few minutes): what nobody would otherwise notice — an inbox no worker
// owns or whose last success is stale, outbox mail that failed or may not have gone in the last period, SLA reminders that reached
// nobody — goes to the alert address through the outbox. Each condition's key carries the period's slot, so a
// condition that lasts alerts once per period (WATCHDOG_PERIOD_MS), not at every tick, and two watchdogs running
// at once queue one alert (the outbox key is unique). Failed mail is the exception: its key names the newest
// failure, so each new failure alerts at the next tick and never again.
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import { t, tn, type Locale } from '../../i18n/index.js';
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

/** `once`: the key names the event itself (the newest failed mail), so it alerts once ever, not once per period. */
export interface WatchdogCondition { key: string; subject: string; text: string; once?: boolean }

/** One alert in both languages (server/i18n/areas/ops.ts): the Vietnamese subject and text, then the English. A
 *  `vars.n` picks each language's singular or plural (tn). */
function bilingual(prefix: string, vars: Record<string, string | number>, footer?: (l: Locale) => string): { subject: string; text: string } {
  const say = (l: Locale, key: string) => (typeof vars.n === 'number' ? tn(l, key, vars.n, vars) : t(l, key, vars));
  const text = (l: Locale) => say(l, `${prefix}.text`) + (footer ? `\n${footer(l)}` : '');
  return { subject: `[govmail] ${say('vi', `${prefix}.subject`)} / ${say('en', `${prefix}.subject`)}`, text: `${text('vi')}\n\n${text('en')}\n` };
}

function alert(key: string, kind: string, vars: Record<string, string | number>, footer?: (l: Locale) => string): WatchdogCondition {
  return { key, ...bilingual(`ops.watchdog.${kind}`, vars, footer) };
}

/** The hotline.reconcile job's alert: mail the hotline inbox holds that never became a ticket or a message (the
 *  first 200 UIDs listed). */
export function reconcileGapsAlert(agency: string, uids: readonly number[]): { subject: string; text: string } {
  return bilingual('ops.reconcile.gaps', { n: uids.length, agency, uids: uids.slice(0, 200).join(', ') });
}

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
  const hours = Math.round(periodMs / 3_600_000);
  for (const i of inboxes) {
    const lastOkLine = (l: Locale) => t(l, 'ops.watchdog.last_ok', { at: i.lastOkAt?.toISOString() ?? t(l, 'ops.watchdog.never') });
    if (!i.owned) out.push(alert(`inbox-unowned:${i.agency}`, 'unowned', { agency: i.agency }, lastOkLine));
    if (i.stale) {
      out.push(alert(`inbox-stale:${i.agency}`, 'stale',
        { agency: i.agency, minutes: Math.round(opts.inboxStaleMs / 60_000), failures: i.consecutiveFailures }, lastOkLine));
    }
  }
  if (failures.newestId !== null) {
    // keyed by the newest failure, not the period: each new failure alerts at the next tick, and one already
    // alerted never alerts again however long it stays in the window
    out.push({ ...alert(`outbox-failed:${failures.newestId}`, 'failed', { n: failures.failed + failures.unknown, hours, failed: failures.failed, unknown: failures.unknown }), once: true });
  }
  if (unreached > 0) out.push(alert('sla-unreached', 'unreached', { n: unreached, hours }));
  return out;
}

/** Queues one alert per condition for this period; returns the conditions' keys (queued now or earlier). */
export async function runWatchdog(db: Db, opts: WatchdogOptions): Promise<string[]> {
  const slot = Math.floor(opts.now.getTime() / (opts.periodMs ?? WATCHDOG_PERIOD_MS));
  const conditions = await watchdogConditions(db, opts);
  for (const c of conditions) await enqueueAlert(db, c.once ? `watchdog:${c.key}` : `watchdog:${c.key}:${slot}`, opts.alertTo, opts.from, c.subject, c.text);
  return conditions.map((c) => c.key);
}
