// Leaders' metrics at province scale (server/services/metrics/rollup/README.md): one facts row per ticket
// (what the ticket's events say, in working minutes), rollups per agency × local day × category × class and
// per agency × month × category × class (counts and bucketed distributions of working minutes), and the
// catch-up job's watermarks over tickets and ticket_events.
import { DataTypes } from 'sequelize';
import type { QueryInterface } from 'sequelize';
import type { Migration } from './context.js';
import { date, flag, int, str, text } from './columns.js';

const counts = () => ({
  received: int(0), on_time: int(0), late: int(0), open: int(0), referred: int(0), referred_on_time: int(0),
  first_response_late: int(0), first_response_hist: text(), resolution_hist: text(),
});

async function rollupTable(q: QueryInterface, table: string, period: 'day' | 'month') {
  await q.createTable(table, {
    agency_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    [period]: { ...str(10), primaryKey: true },
    category: { ...str(64), primaryKey: true },
    class: { ...str(64), primaryKey: true },
    ...(period === 'day' ? { week: str(10), month: str(7) } : {}),
    ...counts(),
  });
  await q.addIndex(table, [period, 'agency_id'], { name: `${table}_${period}_idx` });
}

export const metricRollups: Migration = {
  name: '0013-metric-rollups',
  async up({ queryInterface: q }) {
    await q.createTable('metric_ticket_facts', {
      ticket_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
      agency_id: { type: DataTypes.INTEGER, allowNull: false },
      day: str(10),
      category: str(64),
      class: str(64),
      state: str(12),
      received_at: date(false),
      due_at: date(),
      first_response_minutes: { type: DataTypes.DOUBLE, allowNull: true },
      resolution_minutes: { type: DataTypes.DOUBLE, allowNull: true },
      first_response_late: flag(false),
      referred_on_time: { type: DataTypes.BOOLEAN, allowNull: true },
    });
    await q.addIndex('metric_ticket_facts', ['agency_id', 'day'], { name: 'metric_facts_agency_day_idx' });
    // the live backlog (open tickets, a small set) reads this index only
    await q.addIndex('metric_ticket_facts', ['state', 'agency_id', 'day', 'category', 'class', 'due_at'], { name: 'metric_facts_state_idx' });
    await rollupTable(q, 'metric_day_rollups', 'day');
    await rollupTable(q, 'metric_month_rollups', 'month');
    await q.createTable('metric_rollup_state', {
      id: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false },
      last_ticket_id: int(0),
      last_event_id: int(0),
      ticket_gap_since: date(),
      event_gap_since: date(),
      busy_until: date(),
      refreshed_at: date(),
    });
    await q.bulkInsert('metric_rollup_state', [{ id: 1, last_ticket_id: 0, last_event_id: 0 }]);
  },
  async down({ queryInterface: q }) {
    for (const t of ['metric_rollup_state', 'metric_month_rollups', 'metric_day_rollups', 'metric_ticket_facts']) await q.dropTable(t);
  },
};
