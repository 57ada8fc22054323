// Issue 15: the agents' queue is a working list, so a laptop (1366×768) shows at least 12 tickets above the
// fold without scrolling. Also writes the README's picture of the queue, only when asked (UPDATE_README_SCREENSHOT=1),
// so a test run leaves the tree clean (as test/e2e/metrics.test.ts does); the ticket page's is officer-day.test.ts's.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { startE2e, loginInBrowser, type E2e } from '../support/browser.js';
import { addHotlineAgency, ingest, mail, staff } from '../integration/tickets/ticket-fixture.js';

const README_QUEUE = path.resolve(import.meta.dirname, '../screenshots/queue.png');
const VIEWPORT = { width: 1366, height: 768 };
const ABOVE_FOLD_MIN = 12;

const SUBJECTS = [
  'Đường liên xã Hợp Thịnh bị sạt lở sau mưa lớn', 'Đề nghị sửa chữa cống thoát nước tổ 5, phường Tân Hòa',
  'Chậm cấp giấy chứng nhận quyền sử dụng đất', 'Rác thải tồn đọng tại chợ Phương Lâm', 'Đèn chiếu sáng đường Cù Chính Lan không hoạt động',
  'Xe quá tải làm hỏng đường vào bản Lác', 'Phản ánh tiếng ồn công trình xây dựng ban đêm', 'Hỏi về hồ sơ hưởng bảo hiểm xã hội một lần',
  'Trường mầm non thiếu giáo viên năm học mới', 'Nước sinh hoạt có mùi lạ tại tiểu khu 3', 'Cán bộ một cửa hẹn trả kết quả nhiều lần',
  'Đề nghị hỗ trợ hộ gia đình bị lũ quét', 'Khai thác cát trái phép trên sông Đà', 'Thủ tục đăng ký kinh doanh hộ cá thể',
  'Cây xanh nghiêng đổ nguy hiểm trên đường Trần Hưng Đạo', 'Phản ánh giá vé xe khách tăng dịp lễ',
];

describe('e2e: the queue above the fold at 1366×768, and the README picture of it', function () {
  this.timeout(240_000);
  let e2e: E2e;

  before(async () => {
    e2e = await startE2e();
  });
  after(async () => {
    await e2e?.stop();
  });

  it(`shows at least ${ABOVE_FOLD_MIN} tickets without scrolling on a laptop, and the ticket page of one`, async () => {
    const { db } = e2e;
    const sxd = await addHotlineAgency(db, 'SXD');
    for (const [i, subject] of SUBJECTS.entries()) {
      const from = `Công dân ${i + 1} <congdan${i + 1}@example.vn>`;
      expect(await ingest(db, sxd, mail({ to: sxd.address, from, subject, body: `Kính gửi Sở,\n${subject}.\nĐề nghị Sở xem xét, giải quyết.\n\nTrân trọng.` }))).to.equal('ticket');
    }
    const { username, password } = await staff(db, 'agent', sxd.agencyId, 'Hoàng Văn Xử');
    const page = await e2e.newPage({ viewport: VIEWPORT });
    await loginInBrowser(page, username, password, { next: '/tickets', waitFor: '[data-testid=queue-table]' });
    const bottoms = await page.$$eval('[data-testid=queue-row]', (rows) => rows.map((r) => r.getBoundingClientRect().bottom));
    expect(bottoms.length).to.equal(SUBJECTS.length);
    const visible = bottoms.filter((b) => b <= VIEWPORT.height).length;
    expect(visible, `rows wholly above the fold (bottoms: ${bottoms.map(Math.round).join(', ')})`).to.be.at.least(ABOVE_FOLD_MIN);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(VIEWPORT.width);
    if (process.env.UPDATE_README_SCREENSHOT === '1') {
      fs.mkdirSync(path.dirname(README_QUEUE), { recursive: true });
      await page.screenshot({ path: README_QUEUE });
    }

    await page.click('[data-testid=queue-row] a.ref');
    await page.waitForSelector('[data-testid=reply-form]');
    expect(await page.textContent('[data-testid=conversation]')).to.contain('Đề nghị Sở xem xét');
    await page.close();
  });
});

