// Geometry of the /metrics bar charts, rendered as SVG by views/partials/metrics-*.hbs. Pure: no chart
// library and no client script (helmet's CSP forbids inline script anyway).
import type { AgencyMetrics } from '../../services/metrics/index.js';
import { CHART_WIDTH_PX } from './chart-size.js';

const LABEL_WIDTH_PX = 90;
const VALUE_WIDTH_PX = 70;
const BAR_HEIGHT_PX = 18;
const ROW_GAP_PX = 10;
const TOP_PX = 6;

export interface Segment { kind: 'on_time' | 'late' | 'open' | 'referred'; x: number; width: number; count: number }
export interface StackedRow { label: string; title: string; y: number; textY: number; segments: Segment[]; value: string; valueX: number }
export interface StackedChart { width: number; height: number; barHeight: number; rows: StackedRow[]; axis: Axis }

const AXIS_PX = 22;

/** A value axis under a bar chart: gridlines at round values, each with its tick label (issue 15 item 6). */
export interface Axis { y: number; labelY: number; tickEnd: number; top: number; startX: number; endX: number; ticks: { x: number; label: string }[] }

/** Round whole steps (1, 2, 5 × 10^k) so that 0…max takes at most `most` steps; the axis ends at the step above max. */
export function niceTicks(max: number, most = 5): number[] {
  const rough = Math.max(max, 1) / most;
  const pow = 10 ** Math.floor(Math.log10(rough));
  // whole steps: the axes count tickets and hours, and 0.2 of a ticket reads as nonsense
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= rough)!);
  const end = Math.max(step, Math.ceil(max / step) * step);
  return Array.from({ length: Math.round(end / step) + 1 }, (_, i) => Math.round(i * step * 1e6) / 1e6);
}

function axisOf(ticks: number[], scale: number, plotBottom: number, fmt: (n: number) => string): Axis {
  const marks = ticks.map((v) => ({ x: Math.round(LABEL_WIDTH_PX + v * scale), label: fmt(v) }));
  return { y: plotBottom, labelY: plotBottom + AXIS_PX - 6, tickEnd: plotBottom + 4, top: TOP_PX, startX: LABEL_WIDTH_PX, endX: marks[marks.length - 1]!.x, ticks: marks };
}

const rowY = (i: number) => TOP_PX + i * (BAR_HEIGHT_PX + ROW_GAP_PX);
const heightFor = (rows: number) => TOP_PX * 2 + Math.max(1, rows) * (BAR_HEIGHT_PX + ROW_GAP_PX);
const trackWidth = CHART_WIDTH_PX - LABEL_WIDTH_PX - VALUE_WIDTH_PX;

/** One bar per agency, as long as its received count: on time, late (incl. overdue open), open in time, referred. */
export function outcomeChart(rows: readonly AgencyMetrics[], locale: 'vi' | 'en' = 'vi'): StackedChart {
  const fmt = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB');
  const ticks = niceTicks(Math.max(1, ...rows.map((r) => r.received)));
  const scale = trackWidth / ticks[ticks.length - 1]!;
  const plotBottom = heightFor(rows.length) - TOP_PX;
  return {
    width: CHART_WIDTH_PX, height: plotBottom + AXIS_PX, barHeight: BAR_HEIGHT_PX, axis: axisOf(ticks, scale, plotBottom, (n) => fmt.format(n)),
    rows: rows.map((r, i) => {
      const parts: [Segment['kind'], number][] = [['on_time', r.on_time], ['late', r.late], ['open', r.open - r.overdue_open], ['referred', r.referred]];
      let x = LABEL_WIDTH_PX;
      const segments = parts.filter(([, n]) => n > 0).map(([kind, count]) => {
        const seg = { kind, x: Math.round(x), width: Math.max(1, Math.round(count * scale)), count };
        x += count * scale;
        return seg;
      });
      const y = rowY(i);
      return {
        label: r.agency, title: `${r.agency_name}: ${r.on_time} / ${r.late} / ${r.open - r.overdue_open} / ${r.referred}`,
        y, textY: y + BAR_HEIGHT_PX - 4, segments, value: String(r.received), valueX: Math.round(x) + 6,
      };
    }),
  };
}

export interface PairBar { y: number; width: number; textY: number; value: string; valueX: number }
export interface PairRow { label: string; textY: number; median: PairBar; p90: PairBar }
export interface PairChart { width: number; height: number; barX: number; barHeight: number; rows: PairRow[]; axis: Axis }

const HALF_BAR_PX = BAR_HEIGHT_PX / 2 + 1;

/** First response per agency: the median bar above the p90 bar, on one working-hours scale. */
export function firstResponseChart(rows: readonly AgencyMetrics[], locale: 'vi' | 'en' = 'vi'): PairChart {
  const fmt = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 });
  const ticks = niceTicks(Math.max(1, ...rows.map((r) => r.first_response_p90_hours ?? 0)));
  const max = ticks[ticks.length - 1]!;
  const bar = (hours: number | null, y: number): PairBar => {
    const width = hours === null ? 0 : Math.max(1, Math.round((trackWidth * hours) / max));
    return { y, width, textY: y + HALF_BAR_PX - 2, value: hours === null ? '–' : `${fmt.format(hours)} h`, valueX: LABEL_WIDTH_PX + width + 6 };
  };
  return {
    width: CHART_WIDTH_PX, height: heightFor(rows.length) + rows.length * 4 - TOP_PX + AXIS_PX, barX: LABEL_WIDTH_PX, barHeight: HALF_BAR_PX,
    axis: axisOf(ticks, trackWidth / max, heightFor(rows.length) + rows.length * 4 - TOP_PX, (n) => `${fmt.format(n)} h`),
    rows: rows.map((r, i) => {
      const y = rowY(i) + i * 4;
      return { label: r.agency, textY: y + BAR_HEIGHT_PX - 2, median: bar(r.first_response_median_hours, y), p90: bar(r.first_response_p90_hours, y + HALF_BAR_PX + 1) };
    }),
  };
}
