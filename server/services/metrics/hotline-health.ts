// Hotline health for the leaders' dashboard: is each agency's hotline inbox being read? From the per-inbox
// error state the poller records (hotline_inboxes: last success, consecutive failures). No error text and no
// server name leave this module: leaders see the state, admins read the detail on /admin/hotlines.
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { Principal } from '../auth/index.js';
import { MetricsForbiddenError } from './dashboard-access.js';
import { rowDate } from './ticket-stream.js';

/** ok: read recently; failing: the last poll failed; stale: no success for a while (or ever); off: disabled; none: no inbox set up */
export type HotlineState = 'ok' | 'failing' | 'stale' | 'off' | 'none';

export interface HotlineHealth {
  agency: string;
  agency_name: string;
  state: HotlineState;
  last_ok_at: string | null;
  consecutive_failures: number;
}

/** A poll may be late by a few intervals on a busy machine before it counts as stale; never under 15 minutes. */
export const STALE_AFTER_INTERVALS = 3;
export const STALE_MIN_MS = 15 * 60_000;

export interface InboxState { active: boolean; last_ok_at: Date | null; consecutive_failures: number; poll_interval_s: number }

export function hotlineState(inbox: InboxState | null, now: Date): HotlineState {
  if (!inbox) return 'none';
  if (!inbox.active) return 'off';
  if (inbox.consecutive_failures > 0) return 'failing';
  const staleMs = Math.max(STALE_MIN_MS, STALE_AFTER_INTERVALS * inbox.poll_interval_s * 1000);
  if (!inbox.last_ok_at || now.getTime() - inbox.last_ok_at.getTime() > staleMs) return 'stale';
  return 'ok';
}

/** Every agency in scope (undefined = all) with its hotline's state, by agency code. */
export async function hotlineHealth(db: Db, agencyIds: readonly number[] | undefined, now: Date): Promise<HotlineHealth[]> {
  const agencies = await db.models.Agency.findAll({
    where: agencyIds ? { id: { [Op.in]: [...agencyIds] } } : {}, attributes: ['id', 'code', 'name'], order: [['code', 'ASC']], raw: true,
  });
  const inboxes = await db.models.HotlineInbox.findAll({
    where: { agency_id: { [Op.in]: agencies.map((a) => a.id) } },
    attributes: ['agency_id', 'active', 'last_ok_at', 'consecutive_failures', 'poll_interval_s'], raw: true,
  });
  const byAgency = new Map(inboxes.map((i) => [i.agency_id, i]));
  return agencies.map((a) => {
    const i = byAgency.get(a.id);
    const inbox = i ? { active: Boolean(i.active), last_ok_at: rowDate(i.last_ok_at as Date | string | null), consecutive_failures: Number(i.consecutive_failures ?? 0), poll_interval_s: Number(i.poll_interval_s) } : null;
    return { agency: a.code, agency_name: a.name, state: hotlineState(inbox, now), last_ok_at: inbox?.last_ok_at?.toISOString() ?? null, consecutive_failures: inbox?.consecutive_failures ?? 0 };
  });
}

/** The admin's home (issue 15 item 7): the inboxes of the admin's scope that are not being read, worst first. */
export async function inboxTrouble(db: Db, actor: Pick<Principal, 'role' | 'agencyId'>, now: Date): Promise<HotlineHealth[]> {
  if (actor.role !== 'admin') throw new MetricsForbiddenError('inbox health on the home page is for admins');
  const rank: Record<HotlineState, number> = { failing: 0, stale: 1, off: 2, none: 3, ok: 4 };
  const all = await hotlineHealth(db, actor.agencyId === null ? undefined : [actor.agencyId], now);
  return all.filter((h) => h.state === 'failing' || h.state === 'stale').sort((a, b) => rank[a.state] - rank[b.state] || (a.agency < b.agency ? -1 : 1));
}
