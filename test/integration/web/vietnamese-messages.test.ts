// Issue 15 item 3, "Vietnamese everywhere": each message the issue found in English or as a raw code, provoked
// through the real app in Vietnamese (the default locale), must read as Vietnamese, with no English sentence and
// no code left (support/vi-text-check.ts). Each test failed on the main before this change.
import { expect } from 'chai';
import { forEachDb } from '../../support/databases.js';
import { testApp, buildUser, loginAgent, type Agent } from '../../support/web.js';
import { seedHoabinh } from '../../support/provisioning-fixtures.js';
import { rosterCsv } from '../../support/roster-factory.js';
import { upload, useTestSecretInWorker } from '../../support/hr-web.js';
import { htmlInterfaceText, viTextProblems } from '../../support/vi-text-check.js';
import { addHotlineAgency } from '../tickets/ticket-fixture.js';

/** The page's interface text, checked for English and codes; returned for the test's own expectations. */
function vietnameseText(html: string): string {
  const text = htmlInterfaceText(html);
  expect(viTextProblems(text)).to.deep.equal([]);
  return text;
}

forEachDb('issue 15 item 3: messages in Vietnamese', (getDb) => {
  let hr: { agent: Agent; csrf: string };
  let admin: { agent: Agent; csrf: string };
  before(async () => {
    const db = getDb();
    await seedHoabinh(db);
    useTestSecretInWorker();
    const app = testApp(db);
    const hrUser = await buildUser(db, { role: 'hr' });
    hr = await loginAgent(app, hrUser.username, hrUser.password);
    const adminUser = await buildUser(db, { role: 'admin' });
    admin = await loginAgent(app, adminUser.username, adminUser.password);
  });

  it('shows roster row errors in Vietnamese (empty name, a one-label domain, an unknown status) and takes "nghỉ việc" as a status', async () => {
    const csv = rosterCsv([
      { employee_code: 'V001', full_name: '', agency_code: 'SNV', position: 'Chuyên viên' },
      { employee_code: 'V002', full_name: 'Lê Văn Bình', agency_code: 'SNV', position: 'Chuyên viên', personal_email: 'binh@gmail' },
      { employee_code: 'V003', full_name: 'Trần Thị Hoa', agency_code: 'SNV', position: 'Chuyên viên', status: 'về hưu' },
      { employee_code: 'V004', full_name: 'Đỗ Văn Nam', agency_code: 'SNV', position: 'Chuyên viên', status: 'nghỉ việc' },
      { employee_code: 'V005', full_name: 'Phạm Thị Lan', agency_code: 'KHONGCO', position: 'Chuyên viên' },
    ], ['employee_code', 'full_name', 'agency_code', 'position', 'personal_email', 'status']);
    const up = await upload(hr.agent, '/hr/roster/upload', hr.csrf, 'danh-sach.csv', csv).expect(201);
    const page = await hr.agent.get(up.body.next).expect(200);
    const text = vietnameseText(page.text);
    expect(text).to.contain('Thiếu họ và tên.');
    expect(text).to.contain('Địa chỉ "binh@gmail": tên miền "gmail" cần ít nhất hai phần');
    expect(text).to.contain('Trạng thái "về hưu" không hợp lệ');
    expect(text).to.contain('Không có cơ quan nào mã "KHONGCO".');
    expect(page.text).to.not.match(/is empty|needs at least|unknown status|expected one of|unknown agency/);
    expect(page.text, 'row 5 ("nghỉ việc") has no error').to.not.match(/<td>5<\/td><td><code/);
  });

  it('refuses a PDF uploaded as a roster with one Vietnamese message and none of its bytes', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), Buffer.from([0, 1, 2, 3, 0x1b, 0xff, 0xfe]),
      Buffer.from('\n1 0 obj\n<< /Type /Catalog >>\nendobj\nstream\n'), Buffer.alloc(64, 0x07), Buffer.from('\n%%EOF\n')]);
    const res = await upload(hr.agent, '/hr/roster/upload', hr.csrf, 'danh-sach.pdf', pdf).expect(422);
    expect(res.body.error.id).to.equal('hr.err.table.not_table');
    const message = res.body.error.message as string;
    expect(message).to.equal('Tệp danh-sach.pdf không phải là bảng CSV hay Excel (.xlsx) nên không đọc được. '
      + 'Hãy mở danh sách bằng Excel, lưu thành .xlsx hoặc CSV UTF-8 rồi tải lên tệp đó.');
    expect([...message].some((ch) => ch.charCodeAt(0) < 0x20 || ch === '\ufffd'), 'no control character or replacement mark').to.equal(false);
    expect(message).to.not.match(/%PDF|obj/);
  });

  it('says the password rule in Vietnamese', async () => {
    const db = getDb();
    const user = await buildUser(db, { role: 'agent' });
    const { agent, csrf } = await loginAgent(testApp(db), user.username, user.password);
    const res = await agent.post('/account/password').type('form')
      .send({ _csrf: csrf, current: user.password, password: 'ngan-qua', confirm: 'ngan-qua' }).expect(422);
    const text = vietnameseText(res.text);
    expect(text).to.contain('Mật khẩu phải có ít nhất 12 ký tự.');
    expect(res.text).to.not.contain('must be at least');
    const accented = await agent.post('/account/password').type('form')
      .send({ _csrf: csrf, current: user.password, password: 'Mật-khẩu-dài-2026', confirm: 'Mật-khẩu-dài-2026' }).expect(422);
    expect(vietnameseText(accented.text)).to.contain('ký tự "ậ" ở vị trí 2 không dùng được');
  });

  it('gives the rule tester\'s reasons in Vietnamese, keeping the codes only as data', async () => {
    const raw = 'From: Nguyễn Văn A <a@example.vn>\nTo: duongdaynong@hoabinh.gov.vn\nSubject: Sạt lở đất sau mưa lớn\n'
      + 'Content-Type: text/plain; charset=utf-8\n\nKính gửi quý cơ quan, đồi sau nhà tôi bị sạt lở.\n';
    const res = await admin.agent.post('/admin/rules/test').type('form').send({ _csrf: admin.csrf, raw, hotline: '' }).expect(200);
    const text = vietnameseText(res.text);
    const codes = [...res.text.matchAll(/data-why="([^"]*)"/g)].map((m) => m[1]!);
    expect(codes.some((c) => c.startsWith('no_keyword_any:')), codes.join(' | ')).to.equal(true);
    expect(text).to.contain('không có từ khóa nào của quy tắc trong');
    expect(text).to.match(/có từ khóa "[^"]+" trong (tiêu đề|nội dung)/);
    expect(text).to.not.match(/no_keyword_any|keyword:/);
  });

  it('names agency kinds in Vietnamese on the agency list', async () => {
    const res = await admin.agent.get('/admin/agencies').expect(200);
    const text = vietnameseText(res.text);
    expect(text).to.contain('Sở, ban, ngành').and.contain('Huyện, thành phố');
    expect(res.text).to.not.match(/<td>(department|district|province|commune|office)<\/td>/);
  });

  it('shows a hotline inbox\'s reading position and worker in words, without the worker id or IMAP codes', async () => {
    const db = getDb();
    const hotline = await addHotlineAgency(db, 'TTVI');
    await db.models.HotlineInbox.update({ lease_owner: 'vm:11374:44c901a4', uid_validity: '1700000000', last_uid: 44 },
      { where: { agency_id: hotline.agencyId } });
    for (const url of ['/admin/hotlines', '/admin/hotlines/TTVI']) {
      const res = await admin.agent.get(url).expect(200);
      const text = vietnameseText(res.text);
      expect(text, url).to.contain('thư số 44').and.contain('đang có tiến trình đọc hộp thư');
      expect(text, url).to.not.match(/vm:11374|UIDVALIDITY|Con trỏ/);
    }
  });

  it('says why a hotline inbox failed in words, keeping the mail server\'s English only in the tooltip', async () => {
    const db = getDb();
    const cases = [
      ['TTAU', 'ImapError: authentication failed: Authentication failed.', 'từ chối đăng nhập'],
      ['TTNW', 'ImapError: connection failed: connect ECONNREFUSED 127.0.0.1:1143', 'Không kết nối được'],
      ['TTOT', 'ImapError: Mailbox doesn\'t exist: INBOX.Hotline', 'báo lỗi khi đọc hộp thư'],
    ] as const;
    for (const [code, lastError, words] of cases) {
      const hotline = await addHotlineAgency(db, code);
      await db.models.HotlineInbox.update({ last_error: lastError, consecutive_failures: 2 }, { where: { agency_id: hotline.agencyId } });
      const res = await admin.agent.get(`/admin/hotlines/${code}`).expect(200);
      const text = vietnameseText(res.text);
      expect(text, code).to.contain(words).and.not.contain('ImapError');
      expect(res.text, code).to.contain(`title="${lastError.replace(/'/g, '&#x27;')}"`);
    }
    const list = vietnameseText((await admin.agent.get('/admin/hotlines').expect(200)).text);
    expect(list).to.contain('từ chối đăng nhập').and.contain('Không kết nối được').and.not.contain('ECONNREFUSED');
  });

  it('lists the 2026 days off with Vietnamese names only (no "Sun", no "Art.", no library name)', async () => {
    const res = await admin.agent.get('/admin/calendar?year=2026').expect(200);
    const text = vietnameseText(res.text);
    expect(text).to.contain('Nghỉ bù Giỗ Tổ Hùng Vương (Chủ nhật 26/4/2026)');
    expect(text).to.not.match(/\bArt\.|\b(Sun|Mon|Tue|Wed|Thu|Fri|Sat)\b|date-holidays/);
  });
});
