// The queue's class badge is one short word or two, so the subject beside it stays readable at 1366 px.
import { expect } from 'chai';
import { badgeText, queueRows } from '../../../server/web/presenters/queue-presenter.js';
import type { QueuePage } from '../../../server/services/tickets/index.js';

type QueueItem = QueuePage['items'][number];
import { classLabel } from '../../../server/web/presenters/clock-presenter.js';

describe('queue class badge', () => {
  it('drops a trailing parenthesised gloss and keeps labels without one', () => {
    expect(badgeText('Khẩn (thiên tai, dịch bệnh, an toàn)')).to.equal('Khẩn');
    expect(badgeText('Phản ánh, kiến nghị')).to.equal('Phản ánh, kiến nghị');
    expect(badgeText('Khiếu nại')).to.equal('Khiếu nại');
    expect(badgeText('(x)')).to.equal('(x)');
  });

  it('gives every ticket class a badge of at most 20 characters in both languages', () => {
    for (const code of ['phan_anh_kien_nghi', 'khieu_nai', 'to_cao', 'khan']) {
      for (const locale of ['vi', 'en'] as const) expect(badgeText(classLabel(locale, code)).length, `${code} ${locale}`).to.be.at.most(20);
    }
  });

  it('puts the full class name in the badge\'s title, and says "Khẩn" once for an urgent ticket of the urgent class', () => {
    const item = (over: Partial<QueueItem>): QueueItem => ({ id: 1, ref: 'SXD-2026-000001', subject: 'Sạt lở', citizen: 'A <a@example.vn>', status: 'new',
      agency: 'SXD', class: 'khan', category: null, priority: 'urgent', receivedAt: new Date(0), dueAt: null, assignee: null, sla: null, left: null, ...over });
    expect(queueRows([item({}), item({ id: 2, class: 'khieu_nai' })], 'vi').map((i) => [i.classLabel, i.classTitle, i.showPriority, i.priorityLabel])).to.deep.equal([
      ['Khẩn', 'Khẩn (thiên tai, dịch bệnh, an toàn)', false, 'Khẩn'], ['Khiếu nại', 'Khiếu nại', true, 'Khẩn']]);
  });
});
