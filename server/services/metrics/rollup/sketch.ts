// Mergeable distributions of working minutes: fixed logarithmic buckets (DDSketch's mapping, without its
// bucket collapsing), so a rollup row stores a few bucket counts and any number of rows add up exactly.
//
// Bucket i holds the values in (γ^(i-1), γ^i] with γ = (1+α)/(1-α), and reads back as 2γ^i/(γ+1): every value
// in the bucket is within a relative α of that. Values under one second (1/60 minute) share the zero bucket and
// read back as 0. Hence the bound a test holds: a percentile read from a sketch (type 7, the interpolation
// percentile.ts uses) is within α · exact + 1/60 minute of the exact percentile of the same values, because
// each of the two order statistics it interpolates is, and the interpolation is a convex combination.
export const SKETCH_RELATIVE_ERROR = 0.005;
export const SKETCH_ABSOLUTE_ERROR_MINUTES = 1 / 60;

const GAMMA = (1 + SKETCH_RELATIVE_ERROR) / (1 - SKETCH_RELATIVE_ERROR);
const LOG_GAMMA = Math.log(GAMMA);
/** the zero bucket's key: below every real bucket (the smallest real one is about -410) */
export const ZERO_BUCKET = -9999;

/** bucket → count; the stored form is "key:count,key:count" in key order (text, the same on both databases) */
export type Sketch = Map<number, number>;

export function bucketOf(minutes: number): number {
  if (!(minutes >= SKETCH_ABSOLUTE_ERROR_MINUTES)) return ZERO_BUCKET;
  return Math.ceil(Math.log(minutes) / LOG_GAMMA - 1e-9);
}

export function bucketValue(bucket: number): number {
  return bucket === ZERO_BUCKET ? 0 : (2 * GAMMA ** bucket) / (GAMMA + 1);
}

export function addValue(sketch: Sketch, minutes: number, count = 1): void {
  const b = bucketOf(minutes);
  sketch.set(b, (sketch.get(b) ?? 0) + count);
}

export function mergeInto(target: Sketch, source: Sketch): void {
  for (const [b, n] of source) target.set(b, (target.get(b) ?? 0) + n);
}

export function encodeSketch(sketch: Sketch): string {
  return [...sketch.entries()].filter(([, n]) => n !== 0).sort((a, b) => a[0] - b[0]).map(([b, n]) => `${b}:${n}`).join(',');
}

/** The stored form read once into [bucket, count, bucket, count, …], to add into several sketches. */
export function parseSketch(text: string | null): number[] {
  const out: number[] = [];
  if (!text) return out;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf(',', start);
    if (end < 0) end = text.length;
    const colon = text.indexOf(':', start);
    const b = Number(text.slice(start, colon));
    const n = Number(text.slice(colon + 1, end));
    if (!Number.isInteger(b) || !Number.isInteger(n)) throw new Error(`unreadable sketch "${text}"`);
    out.push(b, n);
    start = end + 1;
  }
  return out;
}

/** Adds parsed buckets (parseSketch) into `target`: the dashboard's inner loop, one row into each of its groups. */
export function mergeParsed(target: Sketch, pairs: readonly number[]): void {
  for (let i = 0; i < pairs.length; i += 2) target.set(pairs[i]!, (target.get(pairs[i]!) ?? 0) + pairs[i + 1]!);
}

/** Adds the stored form `text` into `target`. */
export function mergeEncoded(target: Sketch, text: string | null): void {
  mergeParsed(target, parseSketch(text));
}

export function decodeSketch(text: string | null): Sketch {
  const s: Sketch = new Map();
  mergeEncoded(s, text);
  return s;
}

export const sketchCount = (s: Sketch) => [...s.values()].reduce((a, b) => a + b, 0);

/** The p-th percentile (0..100), type 7 as in percentile.ts, read from the buckets; null when empty. */
export function sketchPercentile(sketch: Sketch, p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`Invalid percentile ${p}: expected 0..100`);
  const buckets = [...sketch.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const n = buckets.reduce((sum, [, c]) => sum + c, 0);
  if (n === 0) return null;
  const rank = (p / 100) * (n - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const valueAt = (k: number) => {
    let seen = 0;
    for (const [b, c] of buckets) {
      seen += c;
      if (k < seen) return bucketValue(b);
    }
    return bucketValue(buckets[buckets.length - 1]![0]);
  };
  const lowValue = valueAt(low);
  return lowValue + (valueAt(high) - lowValue) * (rank - low);
}
