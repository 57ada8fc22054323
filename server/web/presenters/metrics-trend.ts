// Geometry of the trend charts on /metrics: received, resolved and late per receipt week or month, as SVG
// polylines (views/partials/metrics-trend.hbs). Pure.
import type { TrendPoint as Point } from '../../services/metrics/index.js';
import { niceTicks } from './metrics-charts.js';
import { CHART_WIDTH_PX } from './chart-size.js';

export const TREND_HEIGHT_PX = 220;
const PAD_LEFT_PX = 40;
const PAD_RIGHT_PX = 16;
const PAD_TOP_PX = 12;
const PAD_BOTTOM_PX = 28;

export interface TrendPoint { x: number; y: number; title: string }
export interface TrendSeries { kind: 'received' | 'resolved' | 'late'; points: string; dots: TrendPoint[] }
export interface TrendChart {
  width: number; height: number; left: number; right: number; top: number; bottom: number;
  /** the top of the value axis: the round step at or above the largest value */
  yMax: number;
  /** gridlines at round counts, each labelled on the value axis */
  yTicks: { y: number; label: number }[];
  series: TrendSeries[];
  /** `anchor`: the label under the last point ends there, as the right padding is narrower than half a month's label */
  xLabels: { x: number; text: string; anchor: 'middle' | 'end' }[];
}

/** 'YYYY-MM-DD' → 'DD/MM', the way the province writes dates. */
export const shortDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}`;
/** 'YYYY-MM' → 'MM/YYYY'. */
export const shortMonth = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;

/** `weeks`: points keyed by period (a week's Monday, or a month with label = shortMonth). */
export function trendChart(weeks: readonly Point[], label: (period: string) => string = shortDate): TrendChart {
  const ticks = niceTicks(Math.max(1, ...weeks.map((w) => Math.max(w.received, w.resolved, w.late))));
  const yMax = ticks[ticks.length - 1]!;
  const plotWidth = CHART_WIDTH_PX - PAD_LEFT_PX - PAD_RIGHT_PX;
  const bottom = TREND_HEIGHT_PX - PAD_BOTTOM_PX;
  const plotHeight = bottom - PAD_TOP_PX;
  const xOf = (i: number) => Math.round(PAD_LEFT_PX + (weeks.length <= 1 ? plotWidth / 2 : (plotWidth * i) / (weeks.length - 1)));
  const yOf = (n: number) => Math.round(bottom - (plotHeight * n) / yMax);
  const series = (['received', 'resolved', 'late'] as const).map((kind) => {
    const dots = weeks.map((w, i) => ({ x: xOf(i), y: yOf(w[kind]), title: `${label(w.period)}: ${w[kind]}` }));
    return { kind, points: dots.map((d) => `${d.x},${d.y}`).join(' '), dots };
  });
  // At most about six date labels, so they never overlap (even in the larger type of a phone).
  const step = Math.max(1, Math.ceil(weeks.length / 6));
  const anchorOf = (i: number) => (i > 0 && i === weeks.length - 1 ? 'end' as const : 'middle' as const);
  const xLabels = weeks.flatMap((w, i) => (i % step === 0 ? [{ x: xOf(i), text: label(w.period), anchor: anchorOf(i) }] : []));
  const yTicks = ticks.map((v) => ({ y: yOf(v), label: v }));
  return { width: CHART_WIDTH_PX, height: TREND_HEIGHT_PX, left: PAD_LEFT_PX, right: CHART_WIDTH_PX - PAD_RIGHT_PX, top: PAD_TOP_PX, bottom, yMax, yTicks, series, xLabels };
}
