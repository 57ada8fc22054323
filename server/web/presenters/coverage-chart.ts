// Geometry of the coverage bar chart (one horizontal bar per agency, % of staff with an active mailbox),
// rendered as SVG by views/partials/coverage-chart.hbs. Pure: no chart library, no client script.
import type { CoverageRow } from '../../services/provisioning/index.js';
import { CHART_WIDTH_PX } from './chart-size.js';

const LABEL_WIDTH_PX = 120;
const VALUE_WIDTH_PX = 60;
const BAR_HEIGHT_PX = 18;
const ROW_GAP_PX = 8;
const TOP_PX = 8;

export interface ChartBar {
  label: string;
  title: string;
  y: number;
  textY: number;
  width: number;
  pct: string;
  /** below half covered: drawn in the warning colour */
  low: boolean;
  /** no staff on record: "—", not a misleading 0% */
  empty: boolean;
}

export interface CoverageChart { width: number; height: number; barX: number; trackWidth: number; valueX: number; barHeight: number; bars: ChartBar[] }

export function coverageChart(rows: readonly CoverageRow[], locale: 'vi' | 'en' = 'vi'): CoverageChart {
  const trackWidth = CHART_WIDTH_PX - LABEL_WIDTH_PX - VALUE_WIDTH_PX;
  const fmt = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 });
  const bars = rows.map((r, i) => {
    const pct = Math.min(100, Math.max(0, r.covered_pct));
    const empty = r.staff === 0;
    const y = TOP_PX + i * (BAR_HEIGHT_PX + ROW_GAP_PX);
    return {
      label: r.agency, title: `${r.name}: ${r.active_mailboxes}/${r.staff}`, y, textY: y + BAR_HEIGHT_PX - 4,
      width: Math.round((trackWidth * pct) / 100), pct: empty ? '—' : `${fmt.format(pct)}%`, low: !empty && pct < 50, empty,
    };
  });
  return {
    width: CHART_WIDTH_PX, height: TOP_PX * 2 + Math.max(1, rows.length) * (BAR_HEIGHT_PX + ROW_GAP_PX),
    barX: LABEL_WIDTH_PX, trackWidth, valueX: LABEL_WIDTH_PX + trackWidth + 6, barHeight: BAR_HEIGHT_PX, bars,
  };
}
