// The full recompute: every ticket of the period read with its events and folded, exact (type-7 percentiles of
// every duration). Used for reports as of a past instant or on a caller's calendar, and as the reference the
// rollups are held to (tests, metrics:verify's facts).
import type { Db } from '../../db/index.js';
import { groupAccumulator, groupedAccumulator } from './aggregate.js';
import { localDate, weekStart, weeksBetween } from './report-period.js';
import { BREAKDOWNS, type MetricsQuery, type ResolvedScope } from './scope.js';
import { streamTicketFacts } from './ticket-stream.js';
import { agencyRows, byKey, type MetricsReport } from './response-metrics.js';

export async function recomputedMetrics(db: Db, q: MetricsQuery, scope: ResolvedScope): Promise<MetricsReport> {
  const total = groupAccumulator();
  const agencies = groupedAccumulator((f) => f.ticket.agencyId);
  const categories = groupedAccumulator((f) => f.ticket.category ?? '');
  const classes = groupedAccumulator((f) => f.ticket.class ?? '');
  const months = groupedAccumulator((f) => localDate(f.ticket.receivedAt).slice(0, 7));
  const weeks = groupedAccumulator((f) => weekStart(f.ticket.receivedAt));
  const only = new Set(q.only ?? BREAKDOWNS);
  const used = [total, ...([['agencies', agencies], ['categories', categories], ['classes', classes], ['months', months]] as const)
    .filter(([b]) => only.has(b)).map(([, acc]) => acc), ...(q.weeks ? [weeks] : [])];
  for await (const f of streamTicketFacts(db, scope.filter, scope.asOf, scope.calendarOf)) {
    for (const acc of used) acc.add(f);
  }
  const seenWeeks = weeks.keys().sort();
  const firstWeek = q.from ? weekStart(q.from) : seenWeeks[0];
  const lastWeek = q.to ? weekStart(new Date(q.to.getTime() - 1)) : seenWeeks[seenWeeks.length - 1];
  const weekKeys = q.weeks && firstWeek && lastWeek ? weeksBetween(firstWeek, lastWeek, 100_000) : [];
  return {
    from: q.from ? localDate(q.from) : null,
    to: q.to ? localDate(new Date(q.to.getTime() - 1)) : null,
    as_of: scope.asOf.toISOString(),
    source: 'recompute',
    agencies: agencyRows(scope, agencies.keys(), (id) => agencies.result(id)),
    categories: categories.keys().sort(byKey).map((category) => ({ category, ...categories.result(category) })),
    classes: classes.keys().sort(byKey).map((cls) => ({ class: cls, ...classes.result(cls) })),
    months: months.keys().sort(byKey).map((month) => ({ month, ...months.result(month) })),
    weeks: weekKeys.map((week) => ({ week, ...weeks.result(week) })),
    total: total.result(),
  };
}
