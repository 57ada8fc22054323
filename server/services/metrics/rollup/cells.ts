// From ticket facts to rollup rows (pure). A cell is agency × local day × category × class; a week row and a
// month row are the sums of their days, a year row the sum of its months. Both are recomputed whole from their parts, never adjusted by deltas, so a refresh that runs
// twice, or after a crash, writes the same rows.
import type {
  FactState, MetricDayRollupAttrs, MetricFactAttrs, MetricMonthRollupAttrs, MetricWeekRollupAttrs, MetricYearRollupAttrs, RollupCounts,
} from '../../../db/models/metrics.js';
import { localDate, weekStart } from '../report-period.js';
import type { TicketFacts } from '../ticket-facts.js';
import { addValue, encodeSketch, mergeEncoded, mergeInto, mergeParsed, parseSketch, Sketch } from './sketch.js';

const STATE_OF: Record<TicketFacts['outcome'], FactState> = {
  on_time: 'on_time', late: 'late', open_in_time: 'open', open_overdue: 'open', referred: 'referred',
};

export function factRow(f: TicketFacts): MetricFactAttrs {
  return {
    ticket_id: f.ticket.id, agency_id: f.ticket.agencyId, day: localDate(f.ticket.receivedAt), category: f.ticket.category ?? '',
    class: f.ticket.class ?? '', state: STATE_OF[f.outcome], received_at: f.ticket.receivedAt, due_at: f.ticket.dueAt,
    first_response_minutes: f.firstResponseMinutes, resolution_minutes: f.resolutionMinutes,
    first_response_late: f.firstResponseLate, referred_on_time: f.referredOnTime,
  };
}

/** The same facts row, compared field by field (dates by instant, minutes to the millisecond). */
export function sameFact(a: MetricFactAttrs, b: MetricFactAttrs): boolean {
  const time = (d: Date | null) => (d ? d.getTime() : null);
  const mins = (m: number | null) => (m === null ? null : Math.round(m * 60_000));
  return a.ticket_id === b.ticket_id && a.agency_id === b.agency_id && a.day === b.day && a.category === b.category && a.class === b.class
    && a.state === b.state && time(a.received_at) === time(b.received_at) && time(a.due_at) === time(b.due_at)
    && mins(a.first_response_minutes) === mins(b.first_response_minutes) && mins(a.resolution_minutes) === mins(b.resolution_minutes)
    && Boolean(a.first_response_late) === Boolean(b.first_response_late)
    && (a.referred_on_time === null ? null : Boolean(a.referred_on_time)) === (b.referred_on_time === null ? null : Boolean(b.referred_on_time));
}

export const cellKey = (agencyId: number, period: string, category: string, cls: string) => `${agencyId}|${period}|${category}|${cls}`;

export interface ParsedSketches { firstResponse: number[]; resolution: number[] }

export const parsedSketches = (r: RollupCounts): ParsedSketches => ({ firstResponse: parseSketch(r.first_response_hist), resolution: parseSketch(r.resolution_hist) });

/** Counts and sketches being summed; `counts()` gives the stored form. */
export class CountsAccumulator {
  received = 0; on_time = 0; late = 0; open = 0; referred = 0; referred_on_time = 0; first_response_late = 0;
  readonly firstResponse = new Sketch();
  readonly resolution = new Sketch();

  addFact(f: MetricFactAttrs): void {
    this.received += 1;
    this[f.state] += 1;
    if (f.state === 'referred' && f.referred_on_time) this.referred_on_time += 1;
    if (f.first_response_late) this.first_response_late += 1;
    if (f.first_response_minutes !== null) addValue(this.firstResponse, f.first_response_minutes);
    if (f.resolution_minutes !== null) addValue(this.resolution, f.resolution_minutes);
  }

  /** Adds a rollup row; `sketches` when the caller parsed the row's sketches once to add it into several groups. */
  addCounts(r: RollupCounts, sketches: ParsedSketches = parsedSketches(r)): void {
    this.received += r.received; this.on_time += r.on_time; this.late += r.late; this.open += r.open;
    this.referred += r.referred; this.referred_on_time += r.referred_on_time; this.first_response_late += r.first_response_late;
    mergeParsed(this.firstResponse, sketches.firstResponse);
    mergeParsed(this.resolution, sketches.resolution);
  }

  /** Adds a rollup row added into this group only: its sketches read straight from their stored form. */
  addCountsEncoded(r: RollupCounts): void {
    this.received += r.received; this.on_time += r.on_time; this.late += r.late; this.open += r.open;
    this.referred += r.referred; this.referred_on_time += r.referred_on_time; this.first_response_late += r.first_response_late;
    mergeEncoded(this.firstResponse, r.first_response_hist);
    mergeEncoded(this.resolution, r.resolution_hist);
  }

  /** Adds another group's sums (a total from the groups of a breakdown that every row falls into once). */
  addAccumulator(o: CountsAccumulator): void {
    this.received += o.received; this.on_time += o.on_time; this.late += o.late; this.open += o.open;
    this.referred += o.referred; this.referred_on_time += o.referred_on_time; this.first_response_late += o.first_response_late;
    mergeInto(this.firstResponse, o.firstResponse);
    mergeInto(this.resolution, o.resolution);
  }

  counts(): RollupCounts {
    return {
      received: this.received, on_time: this.on_time, late: this.late, open: this.open, referred: this.referred,
      referred_on_time: this.referred_on_time, first_response_late: this.first_response_late,
      first_response_hist: encodeSketch(this.firstResponse), resolution_hist: encodeSketch(this.resolution),
    };
  }
}

function grouped<T, R>(items: Iterable<T>, keyOf: (x: T) => string, add: (acc: CountsAccumulator, x: T) => void, rowOf: (x: T, c: RollupCounts) => R): R[] {
  const groups = new Map<string, { first: T; acc: CountsAccumulator }>();
  for (const x of items) {
    const k = keyOf(x);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { first: x, acc: new CountsAccumulator() }));
    add(g.acc, x);
  }
  return [...groups.values()].map((g) => rowOf(g.first, g.acc.counts()));
}

/** Day rows of the given facts (only cells with at least one ticket exist). */
export function dayRows(facts: Iterable<MetricFactAttrs>): MetricDayRollupAttrs[] {
  return grouped(facts, (f) => cellKey(f.agency_id, f.day, f.category, f.class), (acc, f) => acc.addFact(f), (f, c) => ({
    agency_id: f.agency_id, day: f.day, week: weekStart(new Date(`${f.day}T12:00:00+07:00`)), month: f.day.slice(0, 7),
    category: f.category, class: f.class, ...c,
  }));
}

/** Month rows as sums of day rows. */
export function monthRows(days: Iterable<MetricDayRollupAttrs>): MetricMonthRollupAttrs[] {
  return grouped(days, (d) => cellKey(d.agency_id, d.month, d.category, d.class), (acc, d) => acc.addCounts(d), (d, c) => ({
    agency_id: d.agency_id, month: d.month, category: d.category, class: d.class, ...c,
  }));
}

/** Week rows as sums of day rows (a week is its Monday, the day rows' `week`). */
export function weekRows(days: Iterable<MetricDayRollupAttrs>): MetricWeekRollupAttrs[] {
  return grouped(days, (d) => cellKey(d.agency_id, d.week, d.category, d.class), (acc, d) => acc.addCounts(d), (d, c) => ({
    agency_id: d.agency_id, week: d.week, category: d.category, class: d.class, ...c,
  }));
}

/** Year rows as sums of month rows. */
export function yearRows(months: Iterable<MetricMonthRollupAttrs>): MetricYearRollupAttrs[] {
  return grouped(months, (m) => cellKey(m.agency_id, m.month.slice(0, 4), m.category, m.class), (acc, m) => acc.addCounts(m), (m, c) => ({
    agency_id: m.agency_id, year: m.month.slice(0, 4), category: m.category, class: m.class, ...c,
  }));
}
