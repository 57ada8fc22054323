// govmail metrics:verify: the rollups against a full recompute, in steps that each hold one level: every facts
// row against the ticket's events recomputed now (a merge of two id-ordered streams), every day row against its
// facts, every week and month row against its days, every year row against its months. Memory stays at one agency's rows at a time.
import { Op, QueryTypes } from 'sequelize';
import type { Db } from '../../../db/index.js';
import type { MetricFactAttrs, RollupCounts } from '../../../db/models/metrics.js';
import { cellKey, dayRows, monthRows, sameFact, weekRows, yearRows } from './cells.js';
import { recomputedFacts } from './recompute.js';
import { readDayRows, readFacts, readMonthRows, readWeekRows, readYearRows } from './store.js';

export interface RollupDifference {
  table: 'metric_ticket_facts' | 'metric_day_rollups' | 'metric_week_rollups' | 'metric_month_rollups' | 'metric_year_rollups';
  /** ticket id, or agency|period|category|class */
  key: string;
  stored: unknown;
  expected: unknown;
}

export interface VerifyResult {
  ok: boolean;
  checked: { facts: number; day_rows: number; week_rows: number; month_rows: number; year_rows: number };
  /** the first differences found (at most `limit`) */
  differences: RollupDifference[];
}

const FACT_PAGE = 2_000;

/** Stored facts in ticket id order, page by page. */
async function* storedFacts(db: Db): AsyncGenerator<MetricFactAttrs> {
  let after = 0;
  for (;;) {
    const page = await readFacts(db, { ticket_id: { [Op.gt]: after } }, 'ticket_id', FACT_PAGE);
    yield* page;
    if (page.length < FACT_PAGE) return;
    after = page[page.length - 1]!.ticket_id;
  }
}

const COUNT_FIELDS: (keyof RollupCounts)[] = ['received', 'on_time', 'late', 'open', 'referred', 'referred_on_time', 'first_response_late',
  'first_response_hist', 'resolution_hist'];

function compareRows<R extends RollupCounts>(table: RollupDifference['table'], stored: R[], expected: R[], keyOf: (r: R) => string, out: RollupDifference[], limit: number) {
  const want = new Map(expected.map((r) => [keyOf(r), r]));
  const have = new Map(stored.map((r) => [keyOf(r), r]));
  for (const [key, e] of want) {
    if (out.length >= limit) return;
    const s = have.get(key);
    const pick = (r: R) => Object.fromEntries(COUNT_FIELDS.map((f) => [f, f.endsWith('_hist') ? (r[f] ?? '') : Number(r[f])]));
    if (!s) out.push({ table, key, stored: null, expected: pick(e) });
    else if (COUNT_FIELDS.some((f) => (f.endsWith('_hist') ? (s[f] ?? '') !== (e[f] ?? '') : Number(s[f]) !== Number(e[f])))) {
      out.push({ table, key, stored: pick(s), expected: pick(e) });
    }
  }
  for (const [key, s] of have) {
    if (out.length >= limit) return;
    if (!want.has(key)) out.push({ table, key, stored: s, expected: null });
  }
}

export async function verifyRollups(db: Db, opts: { limit?: number } = {}): Promise<VerifyResult> {
  const limit = opts.limit ?? 20;
  const differences: RollupDifference[] = [];
  const checked = { facts: 0, day_rows: 0, week_rows: 0, month_rows: 0, year_rows: 0 };
  const stored = storedFacts(db);
  let s = await stored.next();
  const factDiff = (key: number, st: unknown, ex: unknown) => {
    if (differences.length < limit) differences.push({ table: 'metric_ticket_facts', key: String(key), stored: st, expected: ex });
  };
  for await (const e of recomputedFacts(db)) {
    checked.facts += 1;
    while (!s.done && s.value.ticket_id < e.ticket_id) {
      factDiff(s.value.ticket_id, s.value, null);
      s = await stored.next();
    }
    if (s.done || s.value.ticket_id !== e.ticket_id) factDiff(e.ticket_id, null, e);
    else {
      if (!sameFact(s.value, e)) factDiff(e.ticket_id, s.value, e);
      s = await stored.next();
    }
  }
  for (; !s.done; s = await stored.next()) factDiff(s.value.ticket_id, s.value, null);

  const agencies = await db.sequelize.query<{ agency_id: number }>(
    ['metric_ticket_facts', 'metric_day_rollups', 'metric_week_rollups', 'metric_month_rollups', 'metric_year_rollups'].map((t) => `SELECT agency_id FROM ${t}`).join(' UNION '),
    { type: QueryTypes.SELECT },
  );
  for (const { agency_id: agencyId } of agencies) {
    const days = await readDayRows(db, { agency_id: agencyId });
    compareRows('metric_day_rollups', days, dayRows(await readFacts(db, { agency_id: agencyId })), (r) => cellKey(r.agency_id, r.day, r.category, r.class), differences, limit);
    const weeks = await readWeekRows(db, { agency_id: agencyId });
    compareRows('metric_week_rollups', weeks, weekRows(days), (r) => cellKey(r.agency_id, r.week, r.category, r.class), differences, limit);
    const months = await readMonthRows(db, { agency_id: agencyId });
    compareRows('metric_month_rollups', months, monthRows(days), (r) => cellKey(r.agency_id, r.month, r.category, r.class), differences, limit);
    const years = await readYearRows(db, { agency_id: agencyId });
    compareRows('metric_year_rollups', years, yearRows(months), (r) => cellKey(r.agency_id, r.year, r.category, r.class), differences, limit);
    checked.day_rows += days.length;
    checked.week_rows += weeks.length;
    checked.month_rows += months.length;
    checked.year_rows += years.length;
  }
  return { ok: differences.length === 0, checked, differences };
}
