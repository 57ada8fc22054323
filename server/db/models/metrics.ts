// Models of the leaders' metrics rollups (migrations 0013-metric-rollups and 0029-metric-week-year-rollups;
// server/services/metrics/rollup).
import type { Sequelize } from 'sequelize';
import { defineTable, DataTypes } from './define.js';

export type FactState = 'on_time' | 'late' | 'open' | 'referred';

/** What one ticket's events say, kept so a rollup cell can be recomputed from its tickets alone. */
export interface MetricFactAttrs {
  ticket_id: number;
  agency_id: number;
  /** local date of receipt, YYYY-MM-DD */
  day: string;
  /** '' = not categorised */
  category: string;
  class: string;
  state: FactState;
  received_at: Date;
  due_at: Date | null;
  first_response_minutes: number | null;
  resolution_minutes: number | null;
  first_response_late: boolean;
  referred_on_time: boolean | null;
}

export interface RollupCounts {
  received: number;
  on_time: number;
  late: number;
  open: number;
  referred: number;
  referred_on_time: number;
  first_response_late: number;
  /** sketch.ts encoding of working minutes */
  first_response_hist: string;
  resolution_hist: string;
}

export interface MetricDayRollupAttrs extends RollupCounts { agency_id: number; day: string; week: string; month: string; category: string; class: string }
export interface MetricMonthRollupAttrs extends RollupCounts { agency_id: number; month: string; category: string; class: string }
/** week = its Monday, local date */
export interface MetricWeekRollupAttrs extends RollupCounts { agency_id: number; week: string; category: string; class: string }
/** year = YYYY */
export interface MetricYearRollupAttrs extends RollupCounts { agency_id: number; year: string; category: string; class: string }

export interface MetricRollupStateAttrs {
  id: number;
  last_ticket_id: number;
  last_event_id: number;
  ticket_gap_since: Date | null;
  event_gap_since: Date | null;
  busy_until: Date | null;
  refreshed_at: Date | null;
}

const key = (type: DataTypes.DataType) => ({ type, primaryKey: true });
const counts = {
  received: DataTypes.INTEGER, on_time: DataTypes.INTEGER, late: DataTypes.INTEGER, open: DataTypes.INTEGER, referred: DataTypes.INTEGER,
  referred_on_time: DataTypes.INTEGER, first_response_late: DataTypes.INTEGER, first_response_hist: DataTypes.TEXT, resolution_hist: DataTypes.TEXT,
};

export function defineMetricsModels(s: Sequelize) {
  const MetricFact = defineTable<MetricFactAttrs>(s, 'MetricFact', 'metric_ticket_facts', {
    ticket_id: key(DataTypes.INTEGER), agency_id: DataTypes.INTEGER, day: DataTypes.STRING, category: DataTypes.STRING, class: DataTypes.STRING,
    state: DataTypes.STRING, received_at: DataTypes.DATE(3), due_at: DataTypes.DATE(3), first_response_minutes: DataTypes.DOUBLE,
    resolution_minutes: DataTypes.DOUBLE, first_response_late: DataTypes.BOOLEAN, referred_on_time: DataTypes.BOOLEAN,
  }, { timestamps: false });
  const MetricDayRollup = defineTable<MetricDayRollupAttrs>(s, 'MetricDayRollup', 'metric_day_rollups', {
    agency_id: key(DataTypes.INTEGER), day: key(DataTypes.STRING), category: key(DataTypes.STRING), class: key(DataTypes.STRING),
    week: DataTypes.STRING, month: DataTypes.STRING, ...counts,
  }, { timestamps: false });
  const MetricMonthRollup = defineTable<MetricMonthRollupAttrs>(s, 'MetricMonthRollup', 'metric_month_rollups', {
    agency_id: key(DataTypes.INTEGER), month: key(DataTypes.STRING), category: key(DataTypes.STRING), class: key(DataTypes.STRING), ...counts,
  }, { timestamps: false });
  const MetricWeekRollup = defineTable<MetricWeekRollupAttrs>(s, 'MetricWeekRollup', 'metric_week_rollups', {
    agency_id: key(DataTypes.INTEGER), week: key(DataTypes.STRING), category: key(DataTypes.STRING), class: key(DataTypes.STRING), ...counts,
  }, { timestamps: false });
  const MetricYearRollup = defineTable<MetricYearRollupAttrs>(s, 'MetricYearRollup', 'metric_year_rollups', {
    agency_id: key(DataTypes.INTEGER), year: key(DataTypes.STRING), category: key(DataTypes.STRING), class: key(DataTypes.STRING), ...counts,
  }, { timestamps: false });
  const MetricRollupState = defineTable<MetricRollupStateAttrs>(s, 'MetricRollupState', 'metric_rollup_state', {
    id: key(DataTypes.INTEGER), last_ticket_id: DataTypes.INTEGER, last_event_id: DataTypes.INTEGER, ticket_gap_since: DataTypes.DATE(3),
    event_gap_since: DataTypes.DATE(3), busy_until: DataTypes.DATE(3), refreshed_at: DataTypes.DATE(3),
  }, { timestamps: false });
  return { MetricFact, MetricDayRollup, MetricWeekRollup, MetricMonthRollup, MetricYearRollup, MetricRollupState };
}
