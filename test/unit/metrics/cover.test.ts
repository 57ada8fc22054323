import { expect } from 'chai';
import { coverPlan, type CoverFor, type CoverPlan, type KeySpan } from '../../../server/services/metrics/rollup/cover.js';
import { addDays } from '../../../server/services/metrics/report-period.js';

const FIRST = '2024-01-01'; // a Monday, so an open start is a whole week too
const LAST = '2028-12-31';

/** Every day from..to inclusive, an open end taken as the edge of the test's calendar. */
function days(from = FIRST, to = LAST): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

const ALL = days();
const byPrefix = (len: number) => {
  const m = new Map<string, string[]>();
  for (const d of ALL) {
    const k = d.slice(0, len);
    const list = m.get(k);
    if (list) list.push(d);
    else m.set(k, [d]);
  }
  return m;
};
const OF_YEAR = byPrefix(4);
const OF_MONTH = byPrefix(7);
const MONDAYS = ALL.filter((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1 && addDays(d, 6) <= LAST);
const WEEK_DAYS = new Map(MONDAYS.map((w) => [w, days(w, addDays(w, 6))]));

/** The days each unit of the plan stands for, one list per unit. */
function units(plan: CoverPlan): { level: keyof CoverPlan; key: string; days: string[] }[] {
  const out: { level: keyof CoverPlan; key: string; days: string[] }[] = [];
  const each = (level: keyof CoverPlan, spans: KeySpan[], keys: Iterable<string>, daysOf: (k: string) => string[]) => {
    for (const s of spans) for (const k of keys) if ((s.from === undefined || k >= s.from) && (s.to === undefined || k <= s.to)) out.push({ level, key: k, days: daysOf(k) });
  };
  each('years', plan.years, [...OF_YEAR.keys()], (y) => OF_YEAR.get(y)!);
  each('months', plan.months, [...OF_MONTH.keys()], (m) => OF_MONTH.get(m)!);
  each('weeks', plan.weeks, MONDAYS, (w) => WEEK_DAYS.get(w)!);
  each('days', plan.days, ALL, (d) => [d]);
  return out;
}

function expectExactCover(from: string | undefined, to: string | undefined, cover: CoverFor) {
  const plan = coverPlan({ from, to }, cover);
  const seen = new Map<string, number>();
  for (const u of units(plan)) {
    for (const d of u.days) seen.set(d, (seen.get(d) ?? 0) + 1);
    if (cover !== 'any') expect(u.level, `${from}..${to} ${cover}`).to.not.equal('years');
    if (cover === 'months' && u.level === 'weeks') expect(u.days[0]!.slice(0, 7), `week ${u.key} crosses a month`).to.equal(u.days[6]!.slice(0, 7));
    if (cover === 'weeks') expect(u.level, `${from}..${to} weeks`).to.be.oneOf(['weeks', 'days']);
  }
  const want = ALL.filter((d) => (from === undefined || d >= from) && (to === undefined || d <= to));
  expect([...seen.values()].every((n) => n === 1), `${from}..${to} ${cover}: a day read twice`).to.equal(true);
  expect([...seen.keys()].sort(), `${from}..${to} ${cover}`).to.deep.equal(want);
}

describe('metrics rollups: the rows that cover a period', () => {
  it('reads 13 weeks as two months, whole weeks inside the first month and the days at the edges', () => {
    expect(coverPlan({ from: '2026-09-03', to: '2026-12-03' }, 'months')).to.deep.equal({
      years: [],
      months: [{ from: '2026-10', to: '2026-11' }],
      weeks: [{ from: '2026-09-07', to: '2026-09-21' }],
      days: [{ from: '2026-09-03', to: '2026-09-06' }, { from: '2026-09-28', to: '2026-09-30' }, { from: '2026-12-01', to: '2026-12-03' }],
    });
  });

  it('reads all time as the years, and a year with its edges as years, months, weeks and days', () => {
    expect(coverPlan({})).to.deep.equal({ years: [{ from: undefined, to: undefined }], months: [], weeks: [], days: [] });
    expect(coverPlan({ from: '2024-03-04', to: '2026-05-31' })).to.deep.equal({
      years: [{ from: '2025', to: '2025' }],
      months: [{ from: '2024-04', to: '2024-12' }, { from: '2026-01', to: '2026-05' }],
      weeks: [{ from: '2024-03-04', to: '2024-03-25' }],
      days: [],
    });
  });

  it('takes no week across a month when months are asked for, and only weeks and days for the weekly breakdown', () => {
    expect(coverPlan({ from: '2026-09-20', to: '2026-10-11' }, 'months').weeks).to.deep.equal([{ from: '2026-09-21', to: '2026-09-21' }, { from: '2026-10-05', to: '2026-10-05' }]);
    expect(coverPlan({ from: '2026-09-20', to: '2026-10-11' }, 'weeks')).to.deep.equal({
      years: [], months: [], weeks: [{ from: '2026-09-21', to: '2026-10-05' }], days: [{ from: '2026-09-20', to: '2026-09-20' }],
    });
  });

  it('covers every day of any period exactly once, whatever the breakdowns', () => {
    let seed = 7;
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    const all = days('2024-06-01', '2028-06-30');
    for (let i = 0; i < 90; i++) {
      const a = all[rand(all.length)]!;
      const b = all[rand(all.length)]!;
      const [from, to] = a <= b ? [a, b] : [b, a];
      const ends: [string | undefined, string | undefined][] = [[from, to], [undefined, to], [from, undefined]];
      const [f, t] = ends[i % 3]!;
      for (const cover of ['any', 'months', 'weeks'] as const) expectExactCover(f, t, cover);
    }
    for (const cover of ['any', 'months', 'weeks'] as const) {
      expectExactCover('2026-03-01', '2026-03-01', cover);
      expectExactCover('2026-02-01', '2026-02-28', cover);
      expectExactCover('2026-01-01', '2026-12-31', cover);
    }
  });

  it('is empty for a period that ends before it starts', () => {
    expect(coverPlan({ from: '2026-05-02', to: '2026-05-01' })).to.deep.equal({ years: [], months: [], weeks: [], days: [] });
  });
});
