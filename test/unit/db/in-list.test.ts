import { expect } from 'chai';
import { inList } from '../../../server/db/in-list.js';

describe('db/in-list: the placeholders of an SQL IN list', () => {
  it('gives one placeholder per value, never a value itself', () => {
    expect(inList([7])).to.equal('?');
    expect(inList(['a\'); DROP TABLE tickets; --', 2, null])).to.equal('?, ?, ?');
  });

  it('throws on an empty list rather than build `IN ()`, an SQL error on both databases', () => {
    expect(() => inList([])).to.throw(/at least one value/);
  });
});
