// The hotline.reconcile job's lost-mail alert speaks both languages like the watchdog's (server/i18n/areas/ops.ts),
// with English singular and plural.
import { expect } from 'chai';
import { reconcileGapsAlert } from '../../../server/services/ops/index.js';
import { tn } from '../../../server/i18n/index.js';

describe('hotline reconcile gap alert', () => {
  it('carries the Vietnamese and the English subject and text, and lists the UIDs', () => {
    const a = reconcileGapsAlert('SXD', [7, 9]);
    expect(a.subject).to.equal('[govmail] 2 thư đường dây nóng của SXD chưa được tiếp nhận / 2 hotline mails of SXD were not ingested');
    expect(a.text).to.contain('Hộp thư đường dây nóng của SXD có 2 thư').and.contain('UIDs: 7, 9').and.contain('UID: 7, 9');
    expect(reconcileGapsAlert('SXD', [7]).subject).to.equal('[govmail] 1 thư đường dây nóng của SXD chưa được tiếp nhận / 1 hotline mail of SXD was not ingested');
    expect(reconcileGapsAlert('SXD', Array.from({ length: 300 }, (_, i) => i + 1)).text).to.contain(', 200\n').and.not.contain('201');
  });

  it('picks a singular only where the locale has one', () => {
    expect(tn('en', 'tickets.sla.days', 1)).to.equal('1 working day');
    expect(tn('en', 'tickets.sla.days', 0)).to.equal('0 working days');
    expect(tn('vi', 'tickets.sla.days', 1)).to.equal('1 ngày');
  });
});
