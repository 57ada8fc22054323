/**
 * Seed triage rules for the demo province (research/vietnam.md §5 categories, §1 legal classes).
 * Admins edit them afterwards; the seed only has to be a sensible, documented start.
 *
 * Order matters because the first match wins and a rule sets one set of actions:
 *   10–50  khẩn (urgent): the 4-working-hour clock beats everything, so these come first; each also files
 *          the category its emergency belongs to (disaster, fire, poisoning, traffic accident).
 *   60     tố cáo (denunciation) before khiếu nại: a denunciation letter often "complains" too.
 *   70–80  khiếu nại (complaint): land complaints first (most complaints are about land), then the rest.
 *   100+   lĩnh vực (category) only: conduct of officials first (the Decree 92/2017 class outranks the topic),
 *          then concrete topics, and "thủ tục hành chính" last because almost every mail mentions a procedure.
 * No match: the caller applies TRIAGE_FALLBACK (phản ánh/kiến nghị, khác, normal).
 *
 * Keywords are folded (tone marks ignored), so one-syllable words that fold onto common words are avoided:
 * "cháy" would match "chạy" (run), "thuế" "thuê" (rent), "lũ" "lú", "chùa" "chưa" (not yet). Phrases such
 * as "đám cháy", "nộp thuế", "lũ quét" keep the precision.
 */
import type { TriageActions, TriageRule } from './rule-schema.js';

export const TRIAGE_FALLBACK: Required<Pick<TriageActions, 'class' | 'category' | 'priority'>> = {
  class: 'phan_anh_kien_nghi',
  category: 'khac',
  priority: 'normal',
};

function seed(position: number, slug: string, name: string, keywordsAny: string[], actions: TriageActions,
  keywordsAll?: string[]): TriageRule {
  const conditions: TriageRule['conditions'] = { in: 'both', keywordsAny };
  if (keywordsAll !== undefined) conditions.keywordsAll = keywordsAll;
  return { id: `seed-${slug}`, name, position, enabled: true, conditions, actions };
}

const urgent = (category?: string): TriageActions =>
  category === undefined ? { class: 'khan', priority: 'urgent' } : { class: 'khan', priority: 'urgent', category };

export const DEFAULT_TRIAGE_RULES: readonly TriageRule[] = [
  seed(10, 'khan-thien-tai', 'Khẩn: thiên tai', [
    'sạt lở', 'sạt lở đất', 'lũ quét', 'lũ ống', 'lũ lụt', 'nước lũ', 'ngập lụt', 'lốc xoáy', 'mưa đá',
    'vỡ đê', 'vỡ đập', 'động đất',
  ], urgent('nong_nghiep_thien_tai')),
  seed(20, 'khan-chay-no', 'Khẩn: cháy, nổ', [
    'đám cháy', 'cháy nhà', 'cháy rừng', 'bốc cháy', 'hỏa hoạn', 'cháy nổ', 'vụ nổ', 'rò rỉ khí',
  ], urgent('an_ninh_trat_tu')),
  seed(30, 'khan-ngo-doc', 'Khẩn: ngộ độc, dịch bệnh', [
    'ngộ độc', 'ngộ độc thực phẩm', 'dịch bệnh', 'ổ dịch', 'bùng phát dịch',
  ], urgent('y_te')),
  seed(40, 'khan-tai-nan-giao-thong', 'Khẩn: tai nạn giao thông', [
    'tai nạn giao thông', 'sập cầu', 'đứt cáp treo',
  ], urgent('giao_thong')),
  seed(50, 'khan-chung', 'Khẩn: an toàn tính mạng', [
    'khẩn cấp', 'hỏa tốc', 'cấp cứu', 'tai nạn', 'đuối nước', 'sập nhà', 'mất tích', 'nguy hiểm đến tính mạng',
  ], urgent()),
  seed(60, 'to-cao', 'Tố cáo', ['tố cáo', 'tố giác', 'đơn tố cáo', 'tham nhũng', 'nhận hối lộ'], { class: 'to_cao' }),
  seed(70, 'khieu-nai-dat-dai', 'Khiếu nại về đất đai', [
    'đất đai', 'thu hồi đất', 'bồi thường', 'giải phóng mặt bằng', 'sổ đỏ', 'quyền sử dụng đất', 'tranh chấp đất',
  ], { class: 'khieu_nai', category: 'dat_dai' }, ['khiếu nại']),
  seed(80, 'khieu-nai', 'Khiếu nại', ['khiếu nại', 'đơn khiếu nại', 'khiếu kiện'], { class: 'khieu_nai' }),
  seed(100, 'can-bo', 'Thái độ, trách nhiệm cán bộ', [
    'sách nhiễu', 'gây phiền hà', 'hách dịch', 'vòi vĩnh', 'thái độ cán bộ', 'cán bộ chậm trễ', 'thiếu trách nhiệm',
  ], { category: 'can_bo' }),
  seed(110, 'dat-dai', 'Đất đai', [
    'đất đai', 'sổ đỏ', 'sổ hồng', 'quyền sử dụng đất', 'thu hồi đất', 'giải phóng mặt bằng', 'tranh chấp đất',
    'lấn chiếm đất', 'bồi thường đất',
  ], { category: 'dat_dai' }),
  seed(120, 'xay-dung', 'Xây dựng, trật tự đô thị', [
    'xây dựng trái phép', 'giấy phép xây dựng', 'công trình xây dựng', 'xây dựng', 'cơi nới', 'lấn chiếm vỉa hè',
    'trật tự đô thị',
  ], { category: 'xay_dung_do_thi' }),
  seed(130, 'moi-truong', 'Môi trường', [
    'môi trường', 'ô nhiễm', 'rác thải', 'bãi rác', 'nước thải', 'khói bụi', 'tiếng ồn', 'khai thác cát',
    'khai thác khoáng sản',
  ], { category: 'moi_truong' }),
  seed(140, 'giao-thong', 'Giao thông', [
    'giao thông', 'ổ gà', 'hư hỏng đường', 'đường xuống cấp', 'xe khách', 'xe quá tải', 'đèn tín hiệu',
  ], { category: 'giao_thong' }),
  seed(150, 'y-te', 'Y tế', [
    'y tế', 'bệnh viện', 'trạm y tế', 'bảo hiểm y tế', 'bhyt', 'khám chữa bệnh', 'an toàn thực phẩm', 'thuốc giả',
  ], { category: 'y_te' }),
  seed(160, 'giao-duc', 'Giáo dục', [
    'giáo dục', 'trường học', 'học sinh', 'giáo viên', 'học phí', 'sách giáo khoa',
  ], { category: 'giao_duc' }),
  seed(170, 'lao-dong-xa-hoi', 'Lao động, xã hội', [
    'bảo hiểm xã hội', 'bhxh', 'trợ cấp', 'hộ nghèo', 'người có công', 'lương hưu', 'việc làm', 'thất nghiệp',
    'bảo trợ xã hội',
  ], { category: 'lao_dong_xa_hoi' }),
  seed(180, 'thue-tai-chinh', 'Thuế, phí, tài chính', [
    'nộp thuế', 'tiền thuế', 'cơ quan thuế', 'cục thuế', 'hoàn thuế', 'thuế đất', 'thuế thu nhập', 'hóa đơn',
    'lệ phí',
  ], { category: 'thue_tai_chinh' }),
  seed(190, 'an-ninh', 'An ninh, trật tự', [
    'an ninh trật tự', 'trộm cắp', 'mất trộm', 'đánh nhau', 'cờ bạc', 'ma túy', 'gây rối', 'tín dụng đen',
  ], { category: 'an_ninh_trat_tu' }),
  seed(200, 'dien-nuoc', 'Điện, nước, viễn thông', [
    'mất điện', 'cúp điện', 'điện lực', 'nước sạch', 'mất nước', 'sóng điện thoại', 'internet', 'viễn thông',
  ], { category: 'dien_nuoc_vien_thong' }),
  seed(210, 'nong-nghiep', 'Nông nghiệp, lâm nghiệp, thủy lợi', [
    'nông nghiệp', 'cây trồng', 'vật nuôi', 'phân bón', 'thủy lợi', 'kênh mương', 'phá rừng', 'lâm nghiệp',
  ], { category: 'nong_nghiep_thien_tai' }),
  seed(220, 'dan-toc-ton-giao', 'Dân tộc, tôn giáo', [
    'dân tộc thiểu số', 'đồng bào dân tộc', 'tôn giáo', 'tín ngưỡng',
  ], { category: 'dan_toc_ton_giao' }),
  seed(230, 'van-hoa-du-lich', 'Văn hóa, du lịch', ['văn hóa', 'du lịch', 'lễ hội', 'di tích', 'karaoke'],
    { category: 'van_hoa_du_lich' }),
  seed(240, 'doanh-nghiep', 'Doanh nghiệp, đầu tư', [
    'doanh nghiệp', 'dự án đầu tư', 'đăng ký kinh doanh', 'giấy phép kinh doanh', 'đầu tư',
  ], { category: 'doanh_nghiep_dau_tu' }),
  seed(250, 'thu-tuc-hanh-chinh', 'Thủ tục hành chính, dịch vụ công', [
    'thủ tục hành chính', 'dịch vụ công', 'hồ sơ', 'trễ hẹn', 'một cửa', 'giấy tờ',
  ], { category: 'thu_tuc_hanh_chinh' }),
];
