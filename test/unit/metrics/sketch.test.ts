import { expect } from 'chai';
import fc from 'fast-check';
import { percentile } from '../../../server/services/metrics/percentile.js';
import {
  SKETCH_ABSOLUTE_ERROR_MINUTES, SKETCH_RELATIVE_ERROR, ZERO_BUCKET, addValue, bucketOf, bucketValue, decodeSketch, encodeSketch, mergeInto,
  sketchPercentile, parseSketch, Sketch,
} from '../../../server/services/metrics/rollup/sketch.js';

const sketchOf = (values: readonly number[]) => {
  const s = new Sketch();
  for (const v of values) addValue(s, v);
  return s;
};
// working minutes as they come: zero (answered before the office opened), seconds, hours, weeks
const minutes = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 100_000, noNaN: true }));

describe('metrics sketch (log buckets)', () => {
  it('reads every value back within its stated bound', () => {
    fc.assert(fc.property(minutes, (v) => {
      expect(Math.abs(bucketValue(bucketOf(v)) - v)).to.be.at.most(SKETCH_RELATIVE_ERROR * v + SKETCH_ABSOLUTE_ERROR_MINUTES + 1e-9);
    }), { numRuns: 2000 });
  });

  it('holds every percentile within α · exact + 1 s of the exact type-7 percentile', () => {
    fc.assert(fc.property(fc.array(minutes, { minLength: 1, maxLength: 300 }), fc.integer({ min: 0, max: 100 }), (values, p) => {
      const exact = percentile(values, p)!;
      const estimate = sketchPercentile(sketchOf(values), p)!;
      expect(Math.abs(estimate - exact)).to.be.at.most(SKETCH_RELATIVE_ERROR * exact + SKETCH_ABSOLUTE_ERROR_MINUTES + 1e-9);
    }), { numRuns: 1000 });
  });

  it('merges exactly: two sketches added equal the sketch of both lists, and survive their stored form', () => {
    fc.assert(fc.property(fc.array(minutes, { maxLength: 50 }), fc.array(minutes, { maxLength: 50 }), (a, b) => {
      const merged = sketchOf(a);
      mergeInto(merged, decodeSketch(encodeSketch(sketchOf(b))));
      expect(encodeSketch(merged)).to.equal(encodeSketch(sketchOf([...a, ...b])));
    }));
  });

  it('keeps zero in its own bucket and reads an empty sketch as null', () => {
    expect(bucketOf(0)).to.equal(ZERO_BUCKET);
    expect(bucketValue(ZERO_BUCKET)).to.equal(0);
    expect(sketchPercentile(new Sketch(), 50)).to.equal(null);
    for (const bad of ['1:x', '1:', ':1', '1', '1:2,', '1:2;3:4', 'a:1']) expect(() => decodeSketch(bad), bad).to.throw(/unreadable sketch/);
    expect(parseSketch('-9999:2,-3:1,0:4,17:1')).to.deep.equal([-9999, 2, -3, 1, 0, 4, 17, 1]);
  });
});
