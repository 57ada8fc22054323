// responseMetrics(): per agency, per category and per week, in working hours. The one entry point the CLI
// and the /metrics page call; the arithmetic lives in the pure modules beside it.
import type { Db } from '../../db/index.js';
import { groupAccumulator, groupedAccumulator, type GroupMetrics } from './aggregate.js';
import { localDate, weekStart, weeksBetween } from './report-period.js';
import { resolveScope, type MetricsQuery } from './scope.js';
import { streamTicketFacts } from './ticket-stream.js';

export interface AgencyMetrics extends GroupMetrics { agency: string; agency_name: string }
/** category '' = not yet categorised */
export interface CategoryMetrics extends GroupMetrics { category: string }
/** week = its Monday, local date */
export interface WeekMetrics extends GroupMetrics { week: string }

export interface MetricsReport {
  /** local dates; `to` is the last day included */
  from: string | null;
  to: string | null;
  as_of: string;
  agencies: AgencyMetrics[];
  categories: CategoryMetrics[];
  weeks: WeekMetrics[];
  total: GroupMetrics;
}

const byKey = <T>(a: T, b: T) => (a < b ? -1 : a > b ? 1 : 0);

export async function responseMetrics(db: Db, q: MetricsQuery = {}): Promise<MetricsReport> {
  const scope = await resolveScope(db, q);
  const total = groupAccumulator();
  const agencies = groupedAccumulator((f) => f.ticket.agencyId);
  const categories = groupedAccumulator((f) => f.ticket.category ?? '');
  const weeks = groupedAccumulator((f) => weekStart(f.ticket.receivedAt));
  for await (const f of streamTicketFacts(db, scope.filter, scope.asOf, scope.calendarOf)) {
    total.add(f);
    agencies.add(f);
    categories.add(f);
    weeks.add(f);
  }

  const agencyIds = new Set(agencies.keys());
  if (scope.requested) agencyIds.add(scope.requested.id);
  const agencyRows = [...agencyIds].map((id) => {
    const a = scope.agencies.get(id);
    return { agency: a?.code ?? String(id), agency_name: a?.name ?? '', ...agencies.result(id) };
  }).sort((a, b) => byKey(a.agency, b.agency));

  const seenWeeks = weeks.keys().sort();
  const firstWeek = q.from ? weekStart(q.from) : seenWeeks[0];
  const lastWeek = q.to ? weekStart(new Date(q.to.getTime() - 1)) : seenWeeks[seenWeeks.length - 1];
  const weekKeys = firstWeek && lastWeek ? weeksBetween(firstWeek, lastWeek) : [];

  return {
    from: q.from ? localDate(q.from) : null,
    to: q.to ? localDate(new Date(q.to.getTime() - 1)) : null,
    as_of: scope.asOf.toISOString(),
    agencies: agencyRows,
    categories: categories.keys().sort(byKey).map((category) => ({ category, ...categories.result(category) })),
    weeks: weekKeys.map((week) => ({ week, ...weeks.result(week) })),
    total: total.result(),
  };
}
