// Counters and histograms of each govmail process (issue 17: metrics true across separate processes). A worker or
// scheduler has no scrape endpoint, so every process writes its own figures here (one row per process and metric,
// services/ops/process-metrics.ts) and the web's /metrics/prom adds them up. The row of a process that stopped
// writing is folded into the row of process '(retired)' once it is stale, so the sums never fall.
import { DataTypes } from 'sequelize';
import type { Migration } from './context.js';
import { str, date } from './columns.js';
import { schemaOnce } from './schema-once.js';

export const processMetrics: Migration = {
  name: '0028-process-metrics',
  async up({ queryInterface: q, dialect }) {
    const schema = schemaOnce(q);
    await schema.createTable('process_metrics', {
      // host:pid:nonce, new at each start; '(retired)' holds what stopped processes counted
      process: { ...str(120), primaryKey: true },
      // the Prometheus metric name (govmail_inbox_poll_duration_seconds)
      metric: { ...str(120), primaryKey: true },
      // the metric's samples as prom-client's getMetricsAsJSON gives them, since the process started
      state: { type: dialect === 'sqlite' ? DataTypes.TEXT : DataTypes.TEXT('long'), allowNull: false },
      updated_at: date(false),
    });
    await schema.addIndex('process_metrics', ['updated_at'], { name: 'process_metrics_updated_idx' });
  },
  async down({ queryInterface: q }) {
    await q.dropTable('process_metrics');
  },
};
