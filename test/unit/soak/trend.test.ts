import { expect } from 'chai';
import { afterWarmup, median, slopePerMinute, trend, type Sample } from '../../../scripts/soak/trend.js';

const series = (values: number[], everyMs = 5_000): Sample[] => values.map((value, i) => ({ atMs: i * everyMs, value }));

describe('soak trend (scripts/soak/trend.ts)', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([3, 1, 2])).to.equal(2);
    expect(median([4, 1, 3, 2])).to.equal(2.5);
  });

  it('drops the first tenth of the run as warm-up', () => {
    expect(afterWarmup(series([100, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])).map((s) => s.value)).to.not.include(100);
  });

  it('measures a slope per minute: 1 per 5 s sample is 12 per minute', () => {
    expect(slopePerMinute(series([0, 1, 2, 3, 4]))).to.be.closeTo(12, 1e-9);
  });

  it('finds a noisy but level series flat, and one that doubles not flat', () => {
    const level = series(Array.from({ length: 40 }, (_, i) => 200 + (i % 3) * 5));
    expect(trend(level, 1.25).flat).to.equal(true);
    const doubling = series(Array.from({ length: 40 }, (_, i) => 200 + i * 10));
    const t = trend(doubling, 1.25);
    expect(t.flat).to.equal(false);
    expect(t.ratio).to.be.greaterThan(1.25);
  });

  it('allows small integer series one more (slack), and judges no series of fewer than 8 samples flat', () => {
    expect(trend(series([...Array(20).fill(2), ...Array(20).fill(3)]), 1.25, 1).flat).to.equal(true);
    expect(trend(series([1, 1, 1, 1, 1]), 1.25).flat).to.equal(false);
  });
});
