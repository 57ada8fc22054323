import { expect } from 'chai';
import { formatBytes, ownMailboxView } from '../../../server/web/presenters/own-mailbox-page.js';
import type { OwnMailbox } from '../../../server/services/provisioning/own-mailbox.js';

const BOX: OwnMailbox = {
  address: 'nhungdth@stp.hoabinh.gov.vn', name: 'Đinh Thị Hồng Nhung', agency: null, aliases: [], quotaMb: 2048,
  use: { bytes: 1_610_612_736, messages: 12_345 }, usePercent: 75, lastMailLoginAt: null, lastWebLoginAt: null, canLogIn: true, mustChange: false,
};

describe('own mailbox page', () => {
  const cases: [number, string, string][] = [
    [0, '0 B', '0 B'],
    [980, '980 B', '980 B'],
    [1536, '1,5 KB', '1.5 KB'],
    [150 * 1024 * 1024, '150 MB', '150 MB'],
    [2 * 1024 ** 3, '2 GB', '2 GB'],
  ];
  for (const [bytes, vi, en] of cases) {
    it(`writes ${bytes} bytes as ${vi} (vi) and ${en} (en)`, () => {
      expect(formatBytes(bytes, 'vi')).to.equal(vi);
      expect(formatBytes(bytes, 'en')).to.equal(en);
    });
  }

  it('states the use against the quota, with the count of messages', () => {
    const v = ownMailboxView(BOX, 'vi');
    expect(v.useText).to.equal('1,5 GB trên 2 GB (75%)');
    expect(v.messagesText).to.equal('12.345 thư');
    expect(v.meter).to.equal(75);
  });

  it('says unlimited without a share, and nothing when Dovecot has not reported yet', () => {
    expect(ownMailboxView({ ...BOX, quotaMb: 0, usePercent: null }, 'en').useText).to.equal('1.5 GB (unlimited)');
    const unreported = ownMailboxView({ ...BOX, use: null, usePercent: null }, 'vi');
    expect(unreported.useText).to.equal(null);
    expect(unreported.messagesText).to.equal(null);
  });
});
