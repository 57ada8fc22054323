import { expect } from 'chai';
import { DEFAULT_TRIAGE_RULES, TRIAGE_FALLBACK } from '../../../server/services/triage/default-rules.js';
import { evaluateRules, validateRule, type TriageMail } from '../../../server/services/triage/rules.js';
import { TRIAGE_RULES_0027 } from '../../../server/db/migrations/frozen/triage-rules-0027.js';

const mail = (subject: string, text = ''): TriageMail => ({
  hotlineAddress: 'duongdaynong@hoabinh.gov.vn',
  from: 'cong.dan@gmail.com',
  subject,
  text,
  attachments: [],
});

const triage = (subject: string, text = '') => evaluateRules(DEFAULT_TRIAGE_RULES, mail(subject, text));

describe('triage default rules', () => {
  it('pass the admin form schema unchanged, with unique ids and positions', () => {
    for (const rule of DEFAULT_TRIAGE_RULES) {
      const result = validateRule(rule);
      if (!result.ok) throw new Error(`${rule.id}: ${JSON.stringify(result.errors)}`);
      expect(result.rule).to.deep.equal(rule);
    }
    expect(new Set(DEFAULT_TRIAGE_RULES.map((r) => r.id)).size).to.equal(DEFAULT_TRIAGE_RULES.length);
    expect(new Set(DEFAULT_TRIAGE_RULES.map((r) => r.position)).size).to.equal(DEFAULT_TRIAGE_RULES.length);
  });

  it('is the seed the newest migration wrote (a changed seed needs a new migration, with its own frozen copy, as 0012, 0017 and 0027)', () => {
    expect(TRIAGE_RULES_0027).to.deep.equal(DEFAULT_TRIAGE_RULES);
  });

  it('has a fallback that is itself a valid set of actions', () => {
    const result = validateRule({ id: 'f', name: 'f', position: 0, conditions: {}, actions: TRIAGE_FALLBACK });
    expect(result.ok).to.equal(true);
  });

  const cases: Array<[string, string, string, Record<string, string>]> = [
    ['a landslide, without tone marks', 'SAT LO DAT tai xom Bai', '', { class: 'khan', priority: 'urgent', category: 'nong_nghiep_thien_tai' }],
    // forest fires are forestry's (kiểm lâm); house fires the fire police's (test/fixtures/triage/README.md)
    ['a forest fire, in NFD', 'Cháy rừng ở Mai Châu'.normalize('NFD'), '', { class: 'khan', priority: 'urgent', category: 'nong_nghiep_thien_tai' }],
    ['a house fire', 'Cháy nhà ở tổ 3', 'khói đen bốc cao', { class: 'khan', priority: 'urgent', category: 'an_ninh_trat_tu' }],
    ['food poisoning at a school', 'Học sinh bị ngộ độc', 'nhiều học sinh nhập viện', { class: 'khan', priority: 'urgent', category: 'y_te' }],
    ['a general emergency', 'KHẨN CẤP', 'có người đuối nước', { class: 'khan', priority: 'urgent' }],
    // the class rule continues, so the category is found too: a bribe taken to do the job is the official's conduct
    ['a denunciation of bribery', 'Đơn tố cáo', 'cán bộ địa chính nhận hối lộ khi cấp sổ đỏ', { class: 'to_cao', category: 'can_bo' }],
    ['a denunciation about land', 'Tố cáo chủ tịch xã giao đất trái thẩm quyền', '', { class: 'to_cao', category: 'dat_dai' }],
    // the three misfiles of issue 14: birth registration under health, a bridge under education, mining as a disaster
    ['a birth registration whose baby was born at the health station', 'Hỏi về thủ tục đăng ký khai sinh',
      'Vợ tôi sinh cháu tại Trạm y tế xã, đã có giấy chứng sinh. Cần giấy tờ gì?', { category: 'thu_tuc_hanh_chinh' }],
    ['a bridge repair that pupils need', 'Đề nghị sửa chữa cầu treo', 'Hằng ngày học sinh đi học qua cầu, ván mục.', { category: 'giao_thong' }],
    ['sand mining that eroded the bank', 'Khai thác cát trái phép', 'Tàu hút cát cả đêm, bờ sông đã bị sạt lở.', { category: 'moi_truong' }],
    ['a land complaint', 'Đơn khiếu nại', 'về việc bồi thường khi thu hồi đất', { class: 'khieu_nai', category: 'dat_dai' }],
    ['a complaint about something else', 'Khieu nai', 'về quyết định xử phạt', { class: 'khieu_nai' }],
    ['an irrigation matter in new tone placement', 'Kênh thuỷ lợi bị bồi lấp', '', { category: 'nong_nghiep_thien_tai' }],
    ['harassment while filing papers', 'Cán bộ sách nhiễu', 'khi nộp hồ sơ tại bộ phận một cửa', { category: 'can_bo' }],
    ['a tax question', 'Hỏi về nộp thuế đất', '', { category: 'thue_tai_chinh' }],
    ['a slow dossier', 'Hồ sơ trễ hẹn', '', { category: 'thu_tuc_hanh_chinh' }],
    // seed 3 (migration 0017)
    ['a village cut off by a rising stream', 'Bản Khạ bị chia cắt do nước suối dâng', '', { class: 'khan', priority: 'urgent', category: 'nong_nghiep_thien_tai' }],
    ['a land plot split by a road, which is no emergency', 'Thửa đất bị chia cắt khi làm đường', '', { category: 'dat_dai' }],
    ['street trees felled', 'Cây xanh trên phố bị chặt hạ', '', { category: 'moi_truong' }],
    ['an official who lost the papers handed in', 'Cán bộ xã làm mất giấy tờ gốc của tôi', '', { category: 'can_bo' }],
  ];
  for (const [what, subject, text, expected] of cases) {
    it(`files ${what} as ${JSON.stringify(expected)}`, () => {
      expect(triage(subject, text).actions).to.deep.equal(expected);
    });
  }

  const quiet: Array<[string, string]> = [
    ['"chạy" (run), which folds like "cháy" (fire)', 'Xe tải chạy quá nhanh qua trường'],
    ['"thuê nhà" (renting), which folds like "thuế" (tax)', 'Tôi muốn hỏi về thuê nhà'],
    ['"chưa" (not yet), which folds like "chùa" (pagoda)', 'Tôi chưa nhận được trả lời'],
    ['"nước đang" (the water is), which folds like "nước dâng" (the water rises)', 'Nước đang bị cắt từ sáng'],
    ['"cầu an toàn" (a safe bridge), which holds "cầu an" (a prayer for peace)', 'Đề nghị làm cầu an toàn cho học sinh'],
  ];
  for (const [what, subject] of quiet) {
    it(`does not mistake ${what} for an urgent, tax or religion case`, () => {
      const { actions } = triage(subject);
      expect(actions.class).to.not.equal('khan');
      expect(actions.category).to.not.be.oneOf(['thue_tai_chinh', 'dan_toc_ton_giao']);
    });
  }

  it('matches nothing in a plain greeting, leaving the fallback to the caller', () => {
    expect(triage('Xin chào', 'Cảm ơn quý cơ quan').matched).to.equal(null);
  });

  it('leaves the category unset when an urgent mail says nothing of its field', () => {
    expect(triage('KHẨN CẤP - cần giúp đỡ', 'Gọi lại cho tôi ngay.').actions).to.deep.equal({ class: 'khan', priority: 'urgent' });
  });

  it('has no fallback category: a mail no rule files is left for an officer', () => {
    expect(TRIAGE_FALLBACK).to.not.have.property('category');
  });
});
