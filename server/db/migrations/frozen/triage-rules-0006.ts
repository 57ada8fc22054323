// Frozen: the triage rules migration 0006 seeded (services/triage/default-rules.ts as it stood then). Never edit:
// migration 0012 compares stored rows with them to tell the seed rules no admin changed.
import type { FrozenTriageRule } from './frozen-triage-rule.js';

export const TRIAGE_RULES_0006: readonly FrozenTriageRule[] = [
  {
    id: 'seed-khan-thien-tai', name: 'Khẩn: thiên tai', position: 10, enabled: true,
    conditions: {
      in: 'both',
      keywordsAny: ['sạt lở', 'sạt lở đất', 'lũ quét', 'lũ ống', 'lũ lụt', 'nước lũ', 'ngập lụt', 'lốc xoáy', 'mưa đá', 'vỡ đê',
        'vỡ đập', 'động đất'],
    },
    actions: {
      class: 'khan',
      priority: 'urgent',
      category: 'nong_nghiep_thien_tai',
    },
  },
  {
    id: 'seed-khan-chay-no', name: 'Khẩn: cháy, nổ', position: 20, enabled: true,
    conditions: {
      in: 'both',
      keywordsAny: ['đám cháy', 'cháy nhà', 'cháy rừng', 'bốc cháy', 'hỏa hoạn', 'cháy nổ', 'vụ nổ', 'rò rỉ khí'],
    },
    actions: {
      class: 'khan',
      priority: 'urgent',
      category: 'an_ninh_trat_tu',
    },
  },
  {
    id: 'seed-khan-ngo-doc', name: 'Khẩn: ngộ độc, dịch bệnh', position: 30, enabled: true,
    conditions: {
      in: 'both',
      keywordsAny: ['ngộ độc', 'ngộ độc thực phẩm', 'dịch bệnh', 'ổ dịch', 'bùng phát dịch'],
    },
    actions: {
      class: 'khan',
      priority: 'urgent',
      category: 'y_te',
    },
  },
  {
    id: 'seed-khan-tai-nan-giao-thong', name: 'Khẩn: tai nạn giao thông', position: 40, enabled: true,
    conditions: {
      in: 'both',
      keywordsAny: ['tai nạn giao thông', 'sập cầu', 'đứt cáp treo'],
    },
    actions: {
      class: 'khan',
      priority: 'urgent',
      category: 'giao_thong',
    },
  },
  {
    id: 'seed-khan-chung', name: 'Khẩn: an toàn tính mạng', position: 50, enabled: true,
    conditions: {
      in: 'both',
      keywordsAny: ['khẩn cấp', 'hỏa tốc', 'cấp cứu', 'tai nạn', 'đuối nước', 'sập nhà', 'mất tích', 'nguy hiểm đến tính mạng'],
    },
    actions: {
      class: 'khan',
      priority: 'urgent',
    },
  },
  {
    id: 'seed-to-cao', name: 'Tố cáo', position: 60, enabled: true,
    conditions: {
      in: 'both',
      keywordsAny: ['tố cáo', 'tố giác', 'đơn tố cáo', 'tham nhũng', 'nhận hối lộ'],
    },
    actions: {
      class: 'to_cao',
    },
  },
  {
    id: 'seed-khieu-nai-dat-dai', name: 'Khiếu nại về đất đai', position: 70, enabled: true,
    conditions: {
      in: 'both',
      keywordsAny: ['đất đai', 'thu hồi đất', 'bồi thường', 'giải phóng mặt bằng', 'sổ đỏ', 'quyền sử dụng đất', 'tranh chấp đất'],
      keywordsAll: ['khiếu nại'],
    },
    actions: {
      class: 'khieu_nai',
      category: 'dat_dai',
    },
  },
  {
    id: 'seed-khieu-nai', name: 'Khiếu nại', position: 80, enabled: true,
    conditions: {
      in: 'both',
      keywordsAny: ['khiếu nại', 'đơn khiếu nại', 'khiếu kiện'],
    },
    actions: {
      class: 'khieu_nai',
    },
  },
  {
    id: 'seed-can-bo', name: 'Thái độ, trách nhiệm cán bộ', position: 100, enabled: true,
    conditions: {
      in: 'both',
      keywordsAny: ['sách nhiễu', 'gây phiền hà', 'hách dịch', 'vòi vĩnh', 'thái độ cán bộ', 'cán bộ chậm trễ',
        'thiếu trách nhiệm'],
    },
    actions: {
      category: 'can_bo',
    },
  },
  {
    id: 'seed-dat-dai', name: 'Đất đai', position: 110, enabled: true,
    conditions: {
      in: 'both',
      keywordsAny: ['đất đai', 'sổ đỏ', 'sổ hồng', 'quyền sử dụng đất', 'thu hồi đất', 'giải phóng mặt bằng', 'tranh chấp đất',
        'lấn chiếm đất', 'bồi thường đất'],
    },
    actions: {
      category: 'dat_dai',
    },
  },
  {
    id: 'seed-xay-dung', name: 'Xây dựng, trật tự đô thị', position: 120, enabled: true,
    conditions: {
      in: 'both',
      keywordsAny: ['xây dựng trái phép', 'giấy phép xây dựng', 'công trình xây dựng', 'xây dựng', 'cơi nới', 'lấn chiếm vỉa hè',
        'trật tự đô thị'],
    },
    actions: {
      category: 'xay_dung_do_thi',
    },
  },
  {
    id: 'seed-moi-truong', name: 'Môi trường', position: 130, enabled: true,
    conditions: {
      in: 'both',
      keywordsAny: ['môi trường', 'ô nhiễm', 'rác thải', 'bãi rác', 'nước thải', 'khói bụi', 'tiếng ồn', 'khai thác cát',
        'khai thác khoáng sản'],
    },
    actions: {
      category: 'moi_truong',
    },
  },
  {
    id: 'seed-giao-thong', name: 'Giao thông', position: 140, enabled: true,
    conditions: {
      in: 'both',
      keywordsAny: ['giao thông', 'ổ gà', 'hư hỏng đường', 'đường xuống cấp', 'xe khách', 'xe quá tải', 'đèn tín hiệu'],
    },
    actions: {
      category: 'giao_thong',
    },
  },
  {
    id: 'seed-y-te', name: 'Y tế', position: 150, enabled: true,
    conditions: {
      in: 'both',
      keywordsAny: ['y tế', 'bệnh viện', 'trạm y tế', 'bảo hiểm y tế', 'bhyt', 'khám chữa bệnh', 'an toàn thực phẩm', 'thuốc giả'],
    },
    actions: {
      category: 'y_te',
    },
  },
  {
    id: 'seed-giao-duc', name: 'Giáo dục', position: 160, enabled: true,
    conditions: {
      in: 'both',
      keywordsAny: ['giáo dục', 'trường học', 'học sinh', 'giáo viên', 'học phí', 'sách giáo khoa'],
    },
    actions: {
      category: 'giao_duc',
    },
  },
  {
    id: 'seed-lao-dong-xa-hoi', name: 'Lao động, xã hội', position: 170, enabled: true,
    conditions: {
      in: 'both',
      keywordsAny: ['bảo hiểm xã hội', 'bhxh', 'trợ cấp', 'hộ nghèo', 'người có công', 'lương hưu', 'việc làm', 'thất nghiệp',
        'bảo trợ xã hội'],
    },
    actions: {
      category: 'lao_dong_xa_hoi',
    },
  },
  {
    id: 'seed-thue-tai-chinh', name: 'Thuế, phí, tài chính', position: 180, enabled: true,
    conditions: {
      in: 'both',
      keywordsAny: ['nộp thuế', 'tiền thuế', 'cơ quan thuế', 'cục thuế', 'hoàn thuế', 'thuế đất', 'thuế thu nhập', 'hóa đơn',
        'lệ phí'],
    },
    actions: {
      category: 'thue_tai_chinh',
    },
  },
  {
    id: 'seed-an-ninh', name: 'An ninh, trật tự', position: 190, enabled: true,
    conditions: {
      in: 'both',
      keywordsAny: ['an ninh trật tự', 'trộm cắp', 'mất trộm', 'đánh nhau', 'cờ bạc', 'ma túy', 'gây rối', 'tín dụng đen'],
    },
    actions: {
      category: 'an_ninh_trat_tu',
    },
  },
  {
    id: 'seed-dien-nuoc', name: 'Điện, nước, viễn thông', position: 200, enabled: true,
    conditions: {
      in: 'both',
      keywordsAny: ['mất điện', 'cúp điện', 'điện lực', 'nước sạch', 'mất nước', 'sóng điện thoại', 'internet', 'viễn thông'],
    },
    actions: {
      category: 'dien_nuoc_vien_thong',
    },
  },
  {
    id: 'seed-nong-nghiep', name: 'Nông nghiệp, lâm nghiệp, thủy lợi', position: 210, enabled: true,
    conditions: {
      in: 'both',
      keywordsAny: ['nông nghiệp', 'cây trồng', 'vật nuôi', 'phân bón', 'thủy lợi', 'kênh mương', 'phá rừng', 'lâm nghiệp'],
    },
    actions: {
      category: 'nong_nghiep_thien_tai',
    },
  },
  {
    id: 'seed-dan-toc-ton-giao', name: 'Dân tộc, tôn giáo', position: 220, enabled: true,
    conditions: {
      in: 'both',
      keywordsAny: ['dân tộc thiểu số', 'đồng bào dân tộc', 'tôn giáo', 'tín ngưỡng'],
    },
    actions: {
      category: 'dan_toc_ton_giao',
    },
  },
  {
    id: 'seed-van-hoa-du-lich', name: 'Văn hóa, du lịch', position: 230, enabled: true,
    conditions: {
      in: 'both',
      keywordsAny: ['văn hóa', 'du lịch', 'lễ hội', 'di tích', 'karaoke'],
    },
    actions: {
      category: 'van_hoa_du_lich',
    },
  },
  {
    id: 'seed-doanh-nghiep', name: 'Doanh nghiệp, đầu tư', position: 240, enabled: true,
    conditions: {
      in: 'both',
      keywordsAny: ['doanh nghiệp', 'dự án đầu tư', 'đăng ký kinh doanh', 'giấy phép kinh doanh', 'đầu tư'],
    },
    actions: {
      category: 'doanh_nghiep_dau_tu',
    },
  },
  {
    id: 'seed-thu-tuc-hanh-chinh', name: 'Thủ tục hành chính, dịch vụ công', position: 250, enabled: true,
    conditions: {
      in: 'both',
      keywordsAny: ['thủ tục hành chính', 'dịch vụ công', 'hồ sơ', 'trễ hẹn', 'một cửa', 'giấy tờ'],
    },
    actions: {
      category: 'thu_tuc_hanh_chinh',
    },
  },
];
