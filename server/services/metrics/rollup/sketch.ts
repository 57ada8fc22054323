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

/**
 * bucket → count, summed in a dense array that grows to cover the buckets seen (DDSketch's dense store), with
 * the zero bucket counted apart. A report adds thousands of rows' sketches into a few dozen of these, so the
 * inner loop is an array add, not a hash lookup. The stored form is "key:count,key:count" in key order (text,
 * the same on both databases).
 */
export class Sketch {
  zero = 0;
  /** the bucket of counts[0] */
  private lo = 0;
  private counts = new Float64Array(0);

  add(bucket: number, n: number): void {
    if (bucket === ZERO_BUCKET) {
      this.zero += n;
      return;
    }
    let i = bucket - this.lo;
    if (i < 0 || i >= this.counts.length) {
      this.cover(bucket);
      i = bucket - this.lo;
    }
    this.counts[i] += n;
  }

  /** Grows the array to hold `bucket`, with room either side so a spread of values regrows rarely. */
  private cover(bucket: number): void {
    const size = this.counts.length;
    const pad = Math.max(32, size >> 1);
    const lo = size === 0 ? bucket - pad : Math.min(this.lo, bucket - pad);
    const hi = size === 0 ? bucket + pad : Math.max(this.lo + size, bucket + pad);
    const grown = new Float64Array(hi - lo);
    if (size > 0) grown.set(this.counts, this.lo - lo);
    this.lo = lo;
    this.counts = grown;
  }

  /** [bucket, count] of every non-empty bucket, in bucket order (the zero bucket first). */
  *entries(): IterableIterator<[number, number]> {
    if (this.zero !== 0) yield [ZERO_BUCKET, this.zero];
    const c = this.counts;
    for (let i = 0; i < c.length; i++) if (c[i] !== 0) yield [this.lo + i, c[i]!];
  }

  count(): number {
    let n = this.zero;
    for (const x of this.counts) n += x;
    return n;
  }

  /** The bucket holding the k-th value (0-based, in order); k < count(). */
  bucketAt(k: number): number {
    let seen = this.zero;
    if (k < seen) return ZERO_BUCKET;
    const c = this.counts;
    let last = ZERO_BUCKET;
    for (let i = 0; i < c.length; i++) {
      if (c[i] === 0) continue;
      seen += c[i]!;
      last = this.lo + i;
      if (k < seen) return last;
    }
    return last;
  }
}

export function bucketOf(minutes: number): number {
  if (!(minutes >= SKETCH_ABSOLUTE_ERROR_MINUTES)) return ZERO_BUCKET;
  return Math.ceil(Math.log(minutes) / LOG_GAMMA - 1e-9);
}

export function bucketValue(bucket: number): number {
  return bucket === ZERO_BUCKET ? 0 : (2 * GAMMA ** bucket) / (GAMMA + 1);
}

export function addValue(sketch: Sketch, minutes: number, count = 1): void {
  sketch.add(bucketOf(minutes), count);
}

export function mergeInto(target: Sketch, source: Sketch): void {
  for (const [b, n] of source.entries()) target.add(b, n);
}

export function encodeSketch(sketch: Sketch): string {
  let out = '';
  for (const [b, n] of sketch.entries()) out += out ? `,${b}:${n}` : `${b}:${n}`;
  return out;
}

const unreadable = (text: string) => new Error(`unreadable sketch "${text}"`);

/**
 * The stored form read once into [bucket, count, bucket, count, …], to add into several sketches. Read a
 * character at a time: thousands of rows are read per report, and slicing and Number() made most of that cost.
 */
export function parseSketch(text: string | null): number[] {
  const out: number[] = [];
  if (!text) return out;
  const len = text.length;
  let i = 0;
  while (i < len) {
    const negative = text.charCodeAt(i) === 45; // '-'
    if (negative) i++;
    let b = 0;
    let start = i;
    for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i)) b = b * 10 + (c - 48);
    if (i === start || text.charCodeAt(i) !== 58) throw unreadable(text); // ':'
    i++;
    let n = 0;
    start = i;
    for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i)) n = n * 10 + (c - 48);
    if (i === start) throw unreadable(text);
    if (i < len && (text.charCodeAt(i) !== 44 || i === len - 1)) throw unreadable(text); // ','
    i++;
    out.push(negative ? -b : b, n);
  }
  return out;
}

/** Adds parsed buckets (parseSketch) into `target`: the dashboard's inner loop, one row into each of its groups. */
export function mergeParsed(target: Sketch, pairs: readonly number[]): void {
  for (let i = 0; i < pairs.length; i += 2) target.add(pairs[i]!, pairs[i + 1]!);
}

/** Adds the stored form `text` into `target`. */
export function mergeEncoded(target: Sketch, text: string | null): void {
  mergeParsed(target, parseSketch(text));
}

export function decodeSketch(text: string | null): Sketch {
  const s = new Sketch();
  mergeEncoded(s, text);
  return s;
}

export const sketchCount = (s: Sketch) => s.count();

/** The p-th percentile (0..100), type 7 as in percentile.ts, read from the buckets; null when empty. */
export function sketchPercentile(sketch: Sketch, p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`Invalid percentile ${p}: expected 0..100`);
  const n = sketch.count();
  if (n === 0) return null;
  const rank = (p / 100) * (n - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = bucketValue(sketch.bucketAt(low));
  return lowValue + (bucketValue(sketch.bucketAt(high)) - lowValue) * (rank - low);
}
