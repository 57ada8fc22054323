// A realistic small province for looking at every page: the Hòa Bình org chart, a roster in two departments,
// one hotline agency with two dozen Vietnamese citizen mails (ingested the way production ingests them), a
// calendar override, and one user per role. The page sweep (test/e2e/page-sweep.test.ts) runs on it.
import type { Db } from '../../server/db/index.js';
import type { Role } from '../../server/db/models/foundation.js';
import { listRules } from '../../server/services/triage/rule-store.js';
import { addCalendarOverride } from '../../server/services/sla/calendar-admin.js';
import { addHotlineAgency, citizenMail, ingest, mail, staff } from '../integration/tickets/ticket-fixture.js';
import { importRows, seedHoabinh, TEST_ACTOR, TEST_SECRET } from './provisioning-fixtures.js';
import { createSharedMailbox } from '../../server/services/provisioning/shared-mailboxes.js';
import { setMailboxPassword } from '../../server/services/provisioning/mailbox-lifecycle.js';
import { generateRoster } from './roster-factory.js';

const SUBJECTS = [
  'Sạt lở taluy dương sau mưa lớn tại xóm Tiểu Khu, xã Hòa Bình', 'Phản ánh rác thải không được thu gom tại tổ 5 phường Phương Lâm',
  'Đề nghị sửa chữa cống thoát nước tổ 5, phường Tân Hòa', 'Bãi rác tự phát bên bờ sông Đà khu vực cầu Hòa Bình',
  'Kiến nghị về việc cấp giấy chứng nhận quyền sử dụng đất', 'Tiếng ồn từ xưởng cưa gỗ ban đêm tại xã Yên Mông',
  'Đèn chiếu sáng công cộng hỏng trên đường Cù Chính Lan', 'Hỏi về thủ tục đăng ký kinh doanh hộ cá thể',
  'Ô nhiễm nước thải từ trại lợn xóm Bưa', 'Xe quá tải làm hỏng đường liên xã Thống Nhất',
  'Chậm chi trả tiền bồi thường giải phóng mặt bằng', 'Đề nghị bổ sung biển báo tại ngã ba Chăm Mát',
  'Trường mầm non thiếu giáo viên năm học 2026–2027', 'Phản ánh thái độ cán bộ một cửa phường Đồng Tiến',
  'Cây xanh có nguy cơ đổ trên đường Trần Hưng Đạo', 'Khai thác cát trái phép trên sông Đà',
  'Kiến nghị lắp camera giám sát tại chợ Tân Thịnh', 'Mất nước sinh hoạt kéo dài tại khu Quỳnh Lâm',
  'Hỏi về chế độ bảo hiểm y tế cho người cao tuổi', 'Đường ống cấp nước bị vỡ trước số 12 Lý Thường Kiệt',
  'Xin hướng dẫn thủ tục cấp lại căn cước', 'Phản ánh giá trông xe tại bệnh viện tỉnh',
  'Đề nghị nạo vét mương thủy lợi xóm Mỗ', 'Lấn chiếm vỉa hè kinh doanh tại đường Chi Lăng',
];
const CITIZENS = ['Bùi Thị Hồng', 'Nguyễn Thị Lan', 'Trần Văn Hùng', 'Đỗ Thị Thu Hà', 'Lương Văn Tâm', 'Đào Thị Kim Oanh', 'Quách Văn Sơn', 'Hoàng Thị Ước'];

export type SweepRole = Role | 'public';

/** A plain-text mail of mail() with a JPEG photo attached (a few bytes: the page lists it, nothing opens it). */
function withPhoto(raw: Buffer): Buffer {
  const b = 'sweep-photo';
  const [head, body] = raw.toString('utf8').split('\r\n\r\n');
  const headers = head!.split('\r\n').filter((h) => !/^Content-(Type|Transfer-Encoding):/i.test(h));
  return Buffer.from([...headers, `Content-Type: multipart/mixed; boundary="${b}"`, '',
    `--${b}`, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', body!,
    `--${b}`, 'Content-Type: image/jpeg', 'Content-Transfer-Encoding: base64', 'Content-Disposition: attachment; filename="anh-hien-truong-sat-lo.jpg"', '',
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9]).toString('base64'), `--${b}--`, ''].join('\r\n'), 'utf8');
}

export interface SweepWorld {
  users: Partial<Record<Role, { username: string; password: string }>>;
  /** a ticket of the hotline agency, the agents' agency */
  ticketRef: string;
  /** a staff mailbox in SNV */
  mailbox: string;
  hotlineCode: string;
  ruleId: string;
  /** a shared mailbox of SNV with two owners */
  sharedMailbox: string;
}

/** A roster-made staff account, past its first sign-in: it signs in with its mailbox's password. */
async function ownAccount(db: Db, address: string): Promise<{ username: string; password: string }> {
  const password = 'Hop-thu-cua-toi-2026';
  await setMailboxPassword(db, address, { actor: TEST_ACTOR, password, mustChange: false });
  await db.models.User.update({ must_change_password: false }, { where: { username: address } });
  return { username: address, password };
}

export async function buildSweepWorld(db: Db): Promise<SweepWorld> {
  await seedHoabinh(db);
  await importRows(db, generateRoster(30, { agencyCodes: ['SNV', 'STC'], codePrefix: 'SW' }));
  const hotline = await addHotlineAgency(db, 'TTHCC');
  let ticketRef = '';
  for (const [i, subject] of SUBJECTS.entries()) {
    const name = CITIZENS[i % CITIZENS.length]!;
    const from = `${name} <congdan${i + 1}@example.vn>`;
    const body = `Kính gửi Trung tâm,\n\n${subject}. Đề nghị cơ quan chức năng kiểm tra, xử lý.\n\nTrân trọng,\n${name}`;
    if (i === 0) {
      // the swept ticket carries the citizen's photo of the place, so its download link is on the page
      if ((await ingest(db, hotline, withPhoto(mail({ to: hotline.address, from, subject, body })))) !== 'ticket') throw new Error('the photo mail made no ticket');
      ticketRef = (await db.models.Ticket.findOne({ where: { agency_id: hotline.agencyId }, order: [['id', 'DESC']] }))!.ref;
      continue;
    }
    await citizenMail(db, hotline, { from, subject, body });
  }
  // Mail that made no ticket, for /review: an out-of-office reply and a spam-flagged mail.
  await ingest(db, hotline, mail({ to: hotline.address, from: 'Vắng mặt <vangmat@example.vn>', subject: 'Trả lời tự động: đang nghỉ phép',
    headers: ['Auto-Submitted: auto-replied'] }));
  await ingest(db, hotline, mail({ to: hotline.address, from: 'Quảng cáo <khuyenmai@example.vn>', subject: 'Khuyến mãi lớn cuối năm', headers: ['X-Spam-Flag: YES'] }));
  await addCalendarOverride(db, { date: `${new Date().getFullYear()}-12-31`, kind: 'off', reason: 'Nghỉ bù theo quyết định của tỉnh' }, 'test');
  const snv = (await db.models.Agency.findOne({ where: { code: 'SNV' } }))!;
  const user = async (role: Role, agencyId: number | null, name: string) => {
    const { username, password } = await staff(db, role, agencyId, name);
    return { username, password };
  };
  const users: SweepWorld['users'] = {
    admin: await user('admin', null, 'Quản trị viên'),
    hr: await user('hr', null, 'Nguyễn Thị Tổ Chức'),
    agent: await user('agent', hotline.agencyId, 'Phạm Minh Tuấn'),
    supervisor: await user('supervisor', hotline.agencyId, 'Trần Quốc Việt'),
    leader: await user('leader', null, 'Bùi Văn Quang'),
  };
  const box = (await db.models.Mailbox.findOne({ where: { kind: 'staff', agency_id: snv.id }, order: [['address', 'ASC']] }))!;
  users.staff = await ownAccount(db, (await db.models.Mailbox.findOne({ where: { kind: 'staff', agency_id: snv.id }, order: [['address', 'DESC']] }))!.address);
  const rule = (await listRules(db))[0]!;
  const owners = (await db.models.User.findAll({ where: { role: 'staff', agency_id: snv.id }, order: [['username', 'ASC']], limit: 2, raw: true })).map((u) => u.username);
  const shared = await createSharedMailbox(db, { address: 'vanthu@snv.hoabinh.gov.vn', agencyCode: 'SNV', name: 'Văn thư Sở Nội vụ', owners, actor: TEST_ACTOR, secretKey: TEST_SECRET });
  return { users, ticketRef, mailbox: box.address, hotlineCode: hotline.code, ruleId: rule.id, sharedMailbox: shared.address };
}
