// Percentiles for the leaders' dashboard. Linear interpolation between closest ranks (Hyndman–Fan type 7,
// the default of numpy, R and Excel PERCENTILE.INC), so an outside recomputation gives the same number.

/** The p-th percentile (0..100) of `values`; null for an empty list. `values` need not be sorted. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`Invalid percentile ${p}: expected 0..100`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

export const median = (values: readonly number[]): number | null => percentile(values, 50);

const MINUTES_PER_HOUR = 60;

/** Working minutes → working hours, to two decimals (what the CLI and exports print). */
export function toHours(minutes: number | null): number | null {
  return minutes === null ? null : Math.round((minutes / MINUTES_PER_HOUR) * 100) / 100;
}
