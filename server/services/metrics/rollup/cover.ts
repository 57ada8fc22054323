// Which rollup rows cover a period of whole local days exactly (pure): the whole years inside it, then the whole
// months of what is left, then the whole weeks, then the days at the edges. So a period reads a few rows per
// agency and cell whatever its length: 13 weeks are 2 months, a few weeks and a few days; all time is the years.
//
// A row must fall in one group of every breakdown it is added to: a year row has no month and a week row
// crosses months, so when months are asked for there are no years and the weeks are taken inside one month
// only; when weeks are asked for, weeks and days only.
import { addDays } from '../report-period.js';
import type { DayRange } from './report.js';

/** Keys of one level from `from` to `to`, inclusive; an end left out is open. */
export interface KeySpan { from?: string; to?: string }

export interface CoverPlan { years: KeySpan[]; months: KeySpan[]; weeks: KeySpan[]; days: KeySpan[] }

export type CoverFor = 'any' | 'months' | 'weeks';

interface Level {
  /** the first and last whole unit inside the span; undefined = as far as the open end; null = none */
  whole(span: KeySpan): KeySpan | null;
  firstDay(key: string): string;
  lastDay(key: string): string;
}

const year = (day: string) => Number(day.slice(0, 4));
const yearKey = (y: number) => String(y).padStart(4, '0');
const monthKey = (y: number, m0: number) => new Date(Date.UTC(y, m0, 1)).toISOString().slice(0, 7);
const lastDayOfMonth = (month: string) => new Date(Date.UTC(year(month), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
/** 0 = Monday … 6 = Sunday */
const weekday = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;

function bounded(first: string | undefined, last: string | undefined): KeySpan | null {
  return first !== undefined && last !== undefined && first > last ? null : { from: first, to: last };
}

const YEAR: Level = {
  whole: ({ from, to }) => bounded(
    from === undefined ? undefined : from.endsWith('-01-01') ? yearKey(year(from)) : yearKey(year(from) + 1),
    to === undefined ? undefined : to.endsWith('-12-31') ? yearKey(year(to)) : yearKey(year(to) - 1),
  ),
  firstDay: (y) => `${y}-01-01`,
  lastDay: (y) => `${y}-12-31`,
};

const MONTH: Level = {
  whole: ({ from, to }) => bounded(
    from === undefined ? undefined : from.endsWith('-01') ? from.slice(0, 7) : monthKey(year(from), Number(from.slice(5, 7))),
    to === undefined ? undefined : lastDayOfMonth(to.slice(0, 7)) === to ? to.slice(0, 7) : monthKey(year(to), Number(to.slice(5, 7)) - 2),
  ),
  firstDay: (m) => `${m}-01`,
  lastDay: lastDayOfMonth,
};

const WEEK: Level = {
  whole: ({ from, to }) => bounded(
    from === undefined ? undefined : addDays(from, (7 - weekday(from)) % 7),
    to === undefined ? undefined : addDays(to, -weekday(to) - (weekday(to) === 6 ? 0 : 7)),
  ),
  firstDay: (w) => w,
  lastDay: (w) => addDays(w, 6),
};

/** Takes the whole units of `level` out of each span; returns the spans of days left over at their edges. */
function take(level: Level, spans: KeySpan[], out: KeySpan[]): KeySpan[] {
  const left: KeySpan[] = [];
  for (const span of spans) {
    const whole = level.whole(span);
    if (!whole) {
      left.push(span);
      continue;
    }
    out.push(whole);
    if (span.from !== undefined && whole.from !== undefined && span.from < level.firstDay(whole.from)) left.push({ from: span.from, to: addDays(level.firstDay(whole.from), -1) });
    if (span.to !== undefined && whole.to !== undefined && level.lastDay(whole.to) < span.to) left.push({ from: addDays(level.lastDay(whole.to), 1), to: span.to });
  }
  return left;
}

/** Day spans cut at month boundaries, so no week taken from them crosses one. */
function splitByMonth(spans: KeySpan[]): KeySpan[] {
  const out: KeySpan[] = [];
  for (const { from, to } of spans) {
    // spans left over after the months are bounded (an open end is always taken by a whole month)
    let start = from!;
    while (start.slice(0, 7) < to!.slice(0, 7)) {
      const end = lastDayOfMonth(start.slice(0, 7));
      out.push({ from: start, to: end });
      start = addDays(end, 1);
    }
    out.push({ from: start, to });
  }
  return out;
}

export function coverPlan(range: DayRange, cover: CoverFor = 'any'): CoverPlan {
  const plan: CoverPlan = { years: [], months: [], weeks: [], days: [] };
  if (range.from !== undefined && range.to !== undefined && range.from > range.to) return plan;
  let spans: KeySpan[] = [{ from: range.from, to: range.to }];
  if (cover === 'any') spans = take(YEAR, spans, plan.years);
  if (cover !== 'weeks') spans = splitByMonth(take(MONTH, spans, plan.months));
  plan.days = take(WEEK, spans, plan.weeks);
  return plan;
}
