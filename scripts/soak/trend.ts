// Is a sampled series flat? The soak samples RSS of its long-lived processes and the database's connection count,
// then compares the median of the first quarter with the median of the last quarter of the samples taken after a
// warm-up (start-up allocation and pools filling are not a leak). A least-squares slope is reported beside it, for
// the reader; the verdict is the ratio, because a slope over a few minutes on a shared machine is mostly noise.

export interface Sample { atMs: number; value: number }

export interface Trend { first: number; last: number; ratio: number; slopePerMin: number; samples: number; flat: boolean }

/** The samples to judge: those after the first `warmupShare` of the run. */
export function afterWarmup(samples: readonly Sample[], warmupShare = 0.1): Sample[] {
  if (samples.length === 0) return [];
  const start = samples[0].atMs;
  const span = samples[samples.length - 1].atMs - start;
  return samples.filter((s) => s.atMs - start >= span * warmupShare);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Least-squares slope of value over time, per minute. */
export function slopePerMinute(samples: readonly Sample[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const mx = samples.reduce((a, s) => a + s.atMs, 0) / n;
  const my = samples.reduce((a, s) => a + s.value, 0) / n;
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.atMs - mx) * (s.value - my);
    den += (s.atMs - mx) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 60_000;
}

/**
 * Flat when the last quarter's median is at most `maxRatio` times the first quarter's, plus `slack` (for small
 * integer series such as connection counts, where one more connection is a large ratio). Fewer than 8 samples
 * cannot be judged and count as not flat, so a sampler that stopped early fails the soak instead of passing it.
 */
export function trend(samples: readonly Sample[], maxRatio: number, slack = 0): Trend {
  const judged = afterWarmup(samples);
  const q = Math.floor(judged.length / 4);
  const first = median(judged.slice(0, q).map((s) => s.value));
  const last = median(judged.slice(judged.length - q).map((s) => s.value));
  const ratio = first > 0 ? last / first : last > 0 ? Infinity : 1;
  const flat = judged.length >= 8 && last <= first * maxRatio + slack;
  return { first, last, ratio, slopePerMin: slopePerMinute(judged), samples: judged.length, flat };
}
