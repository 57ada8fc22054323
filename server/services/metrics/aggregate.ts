// Folding ticket facts into the numbers leaders read (pure). One accumulator per group (agency, category,
// week, total); only the durations are kept per ticket, for the percentiles.
import { median, percentile, toHours } from './percentile.js';
import type { TicketFacts } from './ticket-facts.js';

export interface GroupMetrics {
  received: number;
  resolved: number;
  on_time: number;
  /** resolved after due_at, or still open past due_at */
  late: number;
  /** not resolved (the backlog), whether overdue or not */
  open: number;
  overdue_open: number;
  /** handed to another agency, which counts it from then on */
  referred: number;
  /** the parts that add up to received: on_time + resolved_late + open_in_time + overdue_open + referred */
  resolved_late: number;
  open_in_time: number;
  /** referred within the 5-working-day target */
  referred_on_time: number;
  /** answered (thụ lý) after the first-response deadline; overlaps the parts above */
  first_response_late: number;
  first_response_median_hours: number | null;
  first_response_p90_hours: number | null;
  resolution_median_hours: number | null;
  resolution_p90_hours: number | null;
}

export interface GroupAccumulator {
  add(facts: TicketFacts): void;
  result(): GroupMetrics;
}

export function groupAccumulator(): GroupAccumulator {
  const n = {
    received: 0, resolved: 0, on_time: 0, late: 0, open: 0, overdue_open: 0, referred: 0,
    resolved_late: 0, open_in_time: 0, referred_on_time: 0, first_response_late: 0,
  };
  const firstResponse: number[] = [];
  const resolution: number[] = [];
  return {
    add(f) {
      n.received += 1;
      if (f.outcome === 'on_time' || f.outcome === 'late') n.resolved += 1;
      if (f.outcome === 'on_time') n.on_time += 1;
      if (f.outcome === 'late' || f.outcome === 'open_overdue') n.late += 1;
      if (f.outcome === 'open_in_time' || f.outcome === 'open_overdue') n.open += 1;
      if (f.outcome === 'open_overdue') n.overdue_open += 1;
      if (f.outcome === 'referred') n.referred += 1;
      if (f.outcome === 'late') n.resolved_late += 1;
      if (f.outcome === 'open_in_time') n.open_in_time += 1;
      if (f.referredOnTime) n.referred_on_time += 1;
      if (f.firstResponseLate) n.first_response_late += 1;
      if (f.firstResponseMinutes !== null) firstResponse.push(f.firstResponseMinutes);
      if (f.resolutionMinutes !== null) resolution.push(f.resolutionMinutes);
    },
    result: () => ({
      ...n,
      first_response_median_hours: toHours(median(firstResponse)),
      first_response_p90_hours: toHours(percentile(firstResponse, 90)),
      resolution_median_hours: toHours(median(resolution)),
      resolution_p90_hours: toHours(percentile(resolution, 90)),
    }),
  };
}

/** Accumulators keyed by whatever `keyOf` returns, created on first use. */
export function groupedAccumulator<K>(keyOf: (f: TicketFacts) => K) {
  const groups = new Map<K, GroupAccumulator>();
  return {
    add(f: TicketFacts) {
      const key = keyOf(f);
      let acc = groups.get(key);
      if (!acc) groups.set(key, (acc = groupAccumulator()));
      acc.add(f);
    },
    keys: () => [...groups.keys()],
    result: (key: K): GroupMetrics => (groups.get(key) ?? groupAccumulator()).result(),
  };
}
