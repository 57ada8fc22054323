// The admin's home (issue 15 item 7): the alerts the system mailed to the admins lately, once each (an alert goes
// to every admin address, one outbox row per address), and the mail that is stuck: failed, unknown after a crash,
// or held by RECEIPTS_PER_HOUR. Province-wide admins only: alerts are the province's, not an agency's.
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import type { Principal } from '../auth/index.js';

export const ALERT_WINDOW_MS = 7 * 86_400_000;
export const HOME_ALERT_LIMIT = 5;

export interface AdminAlerts {
  recent: { subject: string; at: Date }[];
  /** outbox rows needing a person, by status */
  stuck: { failed: number; unknown: number; held: number };
}

export class AlertsForbiddenError extends Error {
  override readonly name = 'AlertsForbiddenError';
}

export async function adminAlerts(db: Db, actor: Principal, now: Date): Promise<AdminAlerts> {
  if (actor.role !== 'admin' || actor.agencyId !== null) throw new AlertsForbiddenError('alerts are for province-wide admins');
  const [rows, stuckRows] = await Promise.all([
    db.models.Outbox.findAll({ where: { kind: 'alert', created_at: { [Op.gte]: new Date(now.getTime() - ALERT_WINDOW_MS) } },
      attributes: ['subject', 'created_at'], order: [['created_at', 'DESC'], ['id', 'DESC']], limit: HOME_ALERT_LIMIT * 20 }),
    db.models.Outbox.count({ where: { status: { [Op.in]: ['failed', 'unknown', 'held'] } }, group: ['status'] }),
  ]);
  const seen = new Set<string>();
  const recent = rows.filter((r) => !seen.has(r.subject) && seen.add(r.subject)).slice(0, HOME_ALERT_LIMIT)
    .map((r) => ({ subject: r.subject, at: r.created_at! }));
  const stuck = { failed: 0, unknown: 0, held: 0 };
  for (const g of stuckRows as unknown as { status: keyof typeof stuck; count: number }[]) stuck[g.status] = Number(g.count);
  return { recent, stuck };
}
