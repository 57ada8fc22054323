// Where "at risk" ends for the queue's clock filter, on the calendar each ticket's badge is judged on: an agency
// with calendar overrides of its own gets its own edge, every other agency counts on the province's calendar. So
// the filter lists exactly the tickets whose badge says the state asked for, in a scope over several agencies too.
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import { loadCalendar, loadCalendars } from '../sla/index.js';
import { riskEdge } from './sla-state.js';
import type { AgencyIds } from './scope.js';
import type { SlaFilter } from './list.js';

export async function riskEdges(db: Db, scope: AgencyIds, now: Date): Promise<Pick<SlaFilter, 'riskEdge' | 'agencyEdges'>> {
  const own = await db.models.CalendarOverride.findAll({ where: { scope: { [Op.like]: 'agency:%' } }, attributes: ['scope'], group: ['scope'], raw: true });
  const ids = own.map((r) => Number(String(r.scope).slice('agency:'.length))).filter((id) => Number.isInteger(id) && (!scope || scope.includes(id)));
  const province = riskEdge(now, await loadCalendar(db, null));
  if (!ids.length) return { riskEdge: province };
  const byEdge = new Map<number, number[]>();
  for (const [id, cal] of await loadCalendars(db, ids)) {
    const edge = riskEdge(now, cal).getTime();
    byEdge.set(edge, [...(byEdge.get(edge) ?? []), id]);
  }
  return { riskEdge: province, agencyEdges: [...byEdge].map(([edge, agencyIds]) => ({ agencyIds, riskEdge: new Date(edge) })) };
}
