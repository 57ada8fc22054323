import { expect } from 'chai';
import { median, percentile, toHours } from '../../../server/services/metrics/percentile.js';

describe('metrics percentiles', () => {
  const cases: [string, number[], number, number | null][] = [
    ['an empty list has no percentile', [], 50, null],
    ['one value is every percentile', [7], 90, 7],
    ['the median of an even count is the mean of the middle two', [4, 1, 3, 2], 50, 2.5],
    ['the median of an odd count is the middle value, order of input ignored', [9, 1, 5], 50, 5],
    ['p90 interpolates between closest ranks (numpy/Excel PERCENTILE.INC)', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9.1],
    ['p90 of two values lies 90% of the way up', [0, 10], 90, 9],
    ['p0 and p100 are the extremes', [3, 8, 1], 100, 8],
  ];
  for (const [name, values, p, expected] of cases) {
    it(name, () => {
      const got = percentile(values, p);
      if (expected === null) expect(got).to.equal(null);
      else expect(got).to.be.closeTo(expected, 1e-9);
    });
  }

  it('median is the 50th percentile', () => expect(median([1, 2, 3, 100])).to.equal(2.5));

  it('refuses a percentile outside 0..100', () => expect(() => percentile([1], 101)).to.throw(RangeError));

  it('converts working minutes to hours with two decimals', () => {
    expect(toHours(90)).to.equal(1.5);
    expect(toHours(100)).to.equal(1.67);
    expect(toHours(null)).to.equal(null);
  });
});
