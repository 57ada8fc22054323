// Two more levels of the leaders' metrics rollups (server/services/metrics/rollup/README.md): per agency × week
// (its Monday, local date) × category × class, the sum of its days, and per agency × year × category × class, the
// sum of its months. A period then reads whole years, whole months, whole weeks and only the days left at its
// edges, and the weekly trend reads a row per week instead of seven. Same columns as the month rows.
//
// A database whose rollups are already built gets the new rows filled here from its day and month rows (so the
// figures stay true without a metrics:rebuild): counts summed by the database, the sketches (text "key:count,…",
// keys ascending) summed here, one agency at a time. The rows are deleted first, so a rerun fills them again.
import { DataTypes, QueryTypes, type QueryInterface, type Sequelize } from 'sequelize';
import type { Migration } from './context.js';
import { int, str, text } from './columns.js';
import { schemaOnce } from './schema-once.js';

const COUNTS = ['received', 'on_time', 'late', 'open', 'referred', 'referred_on_time', 'first_response_late'] as const;
const SKETCHES = ['first_response_hist', 'resolution_hist'] as const;

async function rollupTable(q: QueryInterface, table: string, period: 'week' | 'year') {
  const schema = schemaOnce(q);
  await schema.createTable(table, {
    agency_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    [period]: { ...str(10), primaryKey: true },
    category: { ...str(64), primaryKey: true },
    class: { ...str(64), primaryKey: true },
    ...Object.fromEntries(COUNTS.map((c) => [c, int(0)])),
    ...Object.fromEntries(SKETCHES.map((c) => [c, text()])),
  });
  await schema.addIndex(table, [period, 'agency_id'], { name: `${table}_${period}_idx` });
}

/** The sum of sketches in their stored form (as of this migration: "key:count" pairs, keys ascending). */
function sumSketches(texts: readonly (string | null)[]): string {
  const sum = new Map<number, number>();
  for (const t of texts) {
    if (!t) continue;
    for (const pair of t.split(',')) {
      const [k, n] = pair.split(':');
      sum.set(Number(k), (sum.get(Number(k)) ?? 0) + Number(n));
    }
  }
  return [...sum].sort((a, b) => a[0] - b[0]).map(([k, n]) => `${k}:${n}`).join(',');
}

type Row = Record<string, string | number | null>;

/** Fills `table` with the sums of `source`'s rows grouped by agency, `period` (from `periodOf`), category and class. */
async function fill(sequelize: Sequelize, q: QueryInterface, source: string, table: string, period: 'week' | 'year', periodOf: string) {
  const agencies = await sequelize.query<{ agency_id: number }>(`SELECT DISTINCT agency_id FROM ${source}`, { type: QueryTypes.SELECT });
  for (const { agency_id: agencyId } of agencies) {
    const rows = await sequelize.query<Row>(
      `SELECT ${periodOf} AS p, category, class, ${[...COUNTS, ...SKETCHES].join(', ')} FROM ${source} WHERE agency_id = :agencyId`,
      { type: QueryTypes.SELECT, replacements: { agencyId } },
    );
    const groups = new Map<string, Row[]>();
    for (const r of rows) {
      const k = `${r.p}|${r.category}|${r.class}`;
      const g = groups.get(k);
      if (g) g.push(r);
      else groups.set(k, [r]);
    }
    const out = [...groups.values()].map((g) => ({
      agency_id: agencyId, [period]: String(g[0]!.p), category: g[0]!.category, class: g[0]!.class,
      ...Object.fromEntries(COUNTS.map((c) => [c, g.reduce((n, r) => n + Number(r[c] ?? 0), 0)])),
      ...Object.fromEntries(SKETCHES.map((c) => [c, sumSketches(g.map((r) => r[c] as string | null))])),
    }));
    for (let i = 0; i < out.length; i += 500) await q.bulkInsert(table, out.slice(i, i + 500));
  }
}

export const metricWeekYearRollups: Migration = {
  name: '0029-metric-week-year-rollups',
  async up({ queryInterface: q, sequelize }) {
    await rollupTable(q, 'metric_week_rollups', 'week');
    await rollupTable(q, 'metric_year_rollups', 'year');
    await sequelize.query('DELETE FROM metric_week_rollups');
    await sequelize.query('DELETE FROM metric_year_rollups');
    await fill(sequelize, q, 'metric_day_rollups', 'metric_week_rollups', 'week', 'week');
    await fill(sequelize, q, 'metric_month_rollups', 'metric_year_rollups', 'year', 'SUBSTR(month, 1, 4)');
  },
  async down({ queryInterface: q }) {
    for (const t of ['metric_year_rollups', 'metric_week_rollups']) await q.dropTable(t);
  },
};
