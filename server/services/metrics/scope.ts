// Which tickets a report covers: the period, the agency named on the command line or form, and the caller's
// own agency scope (a leader of one agency never reads another's numbers, whatever the filter says).
import type { Db } from '../../db/index.js';
import type { WorkCalendar } from '../sla/index.js';
import { calendarsOnDemand } from './sla-on-demand.js';
import type { TicketFilter } from './ticket-stream.js';

export interface MetricsQuery {
  from?: Date;
  to?: Date;
  agencyCode?: string;
  /** the caller's scope: undefined = province-wide */
  agencyIds?: readonly number[];
  /** the instant the report describes (default: now); later events are ignored */
  asOf?: Date;
  /** one calendar for every agency (tests); default: each agency's calendar from the database */
  calendar?: WorkCalendar;
  /** also group by receipt week (default: no; the dashboard's trend reads trendCounts) */
  weeks?: boolean;
  /** read the rollups as they stand, without catching up first (the caller just did) */
  skipRefresh?: boolean;
  /** force the exact recompute from events even when the rollups could answer */
  recompute?: boolean;
  /** the breakdowns the caller reads (default: all four); the others come back empty, the total always */
  only?: readonly Breakdown[];
}

export type Breakdown = 'agencies' | 'categories' | 'classes' | 'months';
export const BREAKDOWNS: readonly Breakdown[] = ['agencies', 'categories', 'classes', 'months'];

export class MetricsInputError extends Error {}

export interface AgencyInfo { id: number; code: string; name: string }

export interface ResolvedScope {
  filter: TicketFilter;
  agencies: Map<number, AgencyInfo>;
  /** the agency asked for by code, shown even with no tickets */
  requested?: AgencyInfo;
  asOf: Date;
  calendarOf: (agencyId: number) => Promise<WorkCalendar>;
}

export async function resolveScope(db: Db, q: MetricsQuery): Promise<ResolvedScope> {
  if (q.from && q.to && q.to.getTime() <= q.from.getTime()) throw new MetricsInputError('the end of the period must be after its start');
  const rows = await db.models.Agency.findAll({ attributes: ['id', 'code', 'name'], order: [['code', 'ASC']] });
  const agencies = new Map(rows.map((a) => [a.id, { id: a.id, code: a.code, name: a.name }]));
  let ids = q.agencyIds;
  let requested: AgencyInfo | undefined;
  if (q.agencyCode) {
    // services/org only when an agency is named: its face also brings the org-file readers and the demo seed
    const { normaliseAgencyCode } = await import('../org/index.js');
    const code = normaliseAgencyCode(q.agencyCode);
    requested = [...agencies.values()].find((a) => a.code === code);
    if (!requested) throw new MetricsInputError(`no agency with code ${q.agencyCode}`);
    ids = ids ? ids.filter((id) => id === requested!.id) : [requested.id];
    if (ids.length === 0) requested = undefined;
  }
  const fixed = q.calendar;
  return {
    filter: { from: q.from, to: q.to, agencyIds: ids },
    agencies,
    requested,
    asOf: q.asOf ?? new Date(),
    calendarOf: fixed ? async () => fixed : calendarsOnDemand(db),
  };
}
