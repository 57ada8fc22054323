import { expect } from 'chai';
import { GAP_GRACE_MS, advanceWatermark } from '../../../server/services/metrics/rollup/watermark.js';

describe('metrics catch-up watermark', () => {
  const now = new Date('2026-05-01T00:00:00Z');
  const later = new Date(now.getTime() + GAP_GRACE_MS);

  it('moves to the last id when the ids read have no hole', () => {
    expect(advanceWatermark({ last: 10, gapSince: null }, [11, 12, 13], now)).to.deep.equal({ last: 13, gapSince: null });
    expect(advanceWatermark({ last: 10, gapSince: null }, [], now)).to.deep.equal({ last: 10, gapSince: null });
  });

  it('stops before a hole (a transaction not yet committed) and remembers since when', () => {
    expect(advanceWatermark({ last: 10, gapSince: null }, [11, 13, 14], now)).to.deep.equal({ last: 11, gapSince: now });
    // still waiting, the hole keeps its first sighting
    expect(advanceWatermark({ last: 11, gapSince: now }, [13, 14], new Date(now.getTime() + 1000))).to.deep.equal({ last: 11, gapSince: now });
  });

  it('moves on when the hole fills in', () => {
    expect(advanceWatermark({ last: 11, gapSince: now }, [12, 13, 14], new Date(now.getTime() + 1000))).to.deep.equal({ last: 14, gapSince: null });
  });

  it('steps over a hole older than the grace period (a rollback), and waits again at the next hole', () => {
    expect(advanceWatermark({ last: 11, gapSince: now }, [13, 14], later)).to.deep.equal({ last: 14, gapSince: null });
    expect(advanceWatermark({ last: 11, gapSince: now }, [13, 14, 16], later)).to.deep.equal({ last: 14, gapSince: later });
  });
});
