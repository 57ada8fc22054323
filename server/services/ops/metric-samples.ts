// The arithmetic of counters and histograms kept by many processes (pure; prom-client's getMetricsAsJSON shape).
// A counter is a set of samples, a histogram the samples of its cumulative buckets (`_bucket` with `le`), `_sum`
// and `_count`: every one of them only grows while its process lives, so the deployment's figure is the sum of the
// processes' samples with the same name and labels (prom-client's cluster `sum` aggregation does the same), and a
// dead process's last figures stay in the sum (services/ops/process-metrics.ts keeps them), else the sum would fall
// and Prometheus would read a counter reset.

export interface MetricSample {
  value: number;
  labels: Record<string, string | number>;
  /** `name_bucket`, `name_sum`, `name_count` for a histogram; absent for a counter */
  metricName?: string;
}

export interface MetricJson {
  name: string;
  help: string;
  type: string;
  aggregator?: string;
  values: MetricSample[];
}

/** One key per series: the sample's name and its labels, in a fixed order. */
function seriesKey(s: MetricSample): string {
  const labels = Object.keys(s.labels).sort().map((k) => [k, String(s.labels[k])]);
  return JSON.stringify([s.metricName ?? '', labels]);
}

/** The samples of one metric from several processes, added series by series; the first one names the metric.
 *  Series keep the order of their first appearance (a histogram's buckets stay in ascending order). */
export function sumMetrics(parts: MetricJson[]): MetricJson | undefined {
  if (!parts.length) return undefined;
  const out = new Map<string, MetricSample>();
  for (const p of parts) {
    for (const s of p.values) {
      const k = seriesKey(s);
      const had = out.get(k);
      if (had) had.value += s.value;
      else out.set(k, { ...s, labels: { ...s.labels } });
    }
  }
  const { name, help, type, aggregator } = parts[0]!;
  return { name, help, type, aggregator, values: [...out.values()] };
}

/** `a − b` series by series (a series missing from `b` counts 0 there): what a process has counted since `b`. */
export function subtractMetric(a: MetricJson, b: MetricJson | undefined): MetricJson {
  if (!b) return a;
  const minus = new Map(b.values.map((s) => [seriesKey(s), s.value]));
  return { ...a, values: a.values.map((s) => ({ ...s, value: s.value - (minus.get(seriesKey(s)) ?? 0) })) };
}

const isBucket = (m: MetricJson, s: MetricSample) => s.metricName === `${m.name}_bucket`;
const leOf = (s: MetricSample) => (s.labels.le === '+Inf' ? Infinity : Number(s.labels.le));

/**
 * A histogram recorded with other bucket bounds (a process of an older release during a rolling upgrade) put
 * on `bounds`: each bound gets the process's count at its largest own bound not above it (a lower bound of the
 * truth, and still cumulative), `+Inf`, `_sum` and `_count` are exact. Added bucket by bucket to the others'
 * without this, a bound only one release has would hold only that release's counts and the buckets would no
 * longer grow with `le`. A histogram already on `bounds` is returned as it is.
 */
export function conformBuckets(m: MetricJson, bounds: readonly number[]): MetricJson {
  if (m.type !== 'histogram') return m;
  const want = new Set(bounds);
  const buckets = m.values.filter((s) => isBucket(m, s) && s.labels.le !== '+Inf');
  const present = new Set(buckets.map(leOf));
  if (!buckets.length || (present.size === want.size && [...present].every((le) => want.has(le)))) return m;
  const bySeries = new Map<string, MetricSample[]>();
  for (const s of m.values.filter((v) => isBucket(m, v))) {
    const { le: _le, ...rest } = s.labels;
    const k = seriesKey({ ...s, labels: rest });
    bySeries.set(k, [...(bySeries.get(k) ?? []), s]);
  }
  const values: MetricSample[] = [];
  for (const own of bySeries.values()) {
    const { le: _le, ...rest } = own[0]!.labels;
    const finite = own.filter((s) => s.labels.le !== '+Inf').sort((x, y) => leOf(x) - leOf(y));
    for (const bound of bounds) {
      const below = finite.filter((s) => leOf(s) <= bound).pop();
      values.push({ metricName: `${m.name}_bucket`, labels: { ...rest, le: bound }, value: below?.value ?? 0 });
    }
    const inf = own.find((s) => s.labels.le === '+Inf');
    if (inf) values.push({ ...inf, labels: { ...inf.labels } });
  }
  return { ...m, values: [...values, ...m.values.filter((s) => !isBucket(m, s))] };
}
