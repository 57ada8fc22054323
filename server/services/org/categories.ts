// Triage data: the fields (lĩnh vực) a citizen message is filed under, and the legal classes that decide
// which clock runs. Data only — deadline arithmetic lives in services/sla, keyword rules in services/triage.
// Source: /work/shared/research/vietnam.md §5 (taxonomy; a design for a mountainous province, [U] beyond the
// categories seen in HCMC 1022, Đà Nẵng and iHanoi) and §1.7 (default clocks, all configurable).

export interface FeedbackCategory {
  /** Stable ASCII key stored on tickets and in triage rules; never renamed once in use. */
  code: string;
  vi: string;
  en: string;
}

export const FEEDBACK_CATEGORIES: readonly FeedbackCategory[] = [
  { code: 'thu_tuc_hanh_chinh', vi: 'Thủ tục hành chính, dịch vụ công', en: 'Administrative procedures and public services' },
  { code: 'can_bo', vi: 'Thái độ, trách nhiệm cán bộ (chậm trễ, sách nhiễu)', en: 'Conduct of officials (delay, harassment)' },
  { code: 'dat_dai', vi: 'Đất đai (cấp giấy chứng nhận, bồi thường, giải phóng mặt bằng, tranh chấp)', en: 'Land (certificates, compensation, site clearance, disputes)' },
  { code: 'xay_dung_do_thi', vi: 'Xây dựng, trật tự đô thị', en: 'Construction and urban order' },
  { code: 'giao_thong', vi: 'Giao thông (đường, cầu, an toàn giao thông, xe khách)', en: 'Transport (roads, bridges, road safety, coaches)' },
  { code: 'moi_truong', vi: 'Môi trường (rác, nước thải, khai thác khoáng sản, ô nhiễm)', en: 'Environment (waste, sewage, mining, pollution)' },
  { code: 'dien_nuoc_vien_thong', vi: 'Điện, nước, viễn thông', en: 'Electricity, water and telecoms' },
  { code: 'nong_nghiep_thien_tai', vi: 'Nông nghiệp, lâm nghiệp, thủy lợi, thiên tai (sạt lở, lũ quét)', en: 'Agriculture, forestry, irrigation, natural disasters (landslides, flash floods)' },
  { code: 'y_te', vi: 'Y tế, bảo hiểm y tế, an toàn thực phẩm', en: 'Health, health insurance, food safety' },
  { code: 'giao_duc', vi: 'Giáo dục', en: 'Education' },
  { code: 'lao_dong_xa_hoi', vi: 'Lao động, việc làm, bảo hiểm xã hội, người có công, bảo trợ xã hội', en: 'Labour, jobs, social insurance, veterans, social protection' },
  { code: 'dan_toc_ton_giao', vi: 'Dân tộc, tôn giáo', en: 'Ethnic minorities and religion' },
  { code: 'van_hoa_du_lich', vi: 'Văn hóa, du lịch', en: 'Culture and tourism' },
  { code: 'an_ninh_trat_tu', vi: 'An ninh, trật tự', en: 'Security and public order' },
  { code: 'thue_tai_chinh', vi: 'Thuế, phí, tài chính', en: 'Taxes, fees and finance' },
  { code: 'doanh_nghiep_dau_tu', vi: 'Doanh nghiệp, đầu tư', en: 'Business and investment' },
  { code: 'khac', vi: 'Khác', en: 'Other' },
];

/** Markers a ticket may carry besides its class (vietnam.md §5); khẩn, khiếu nại, tố cáo are classes below. */
export const FEEDBACK_FLAGS: readonly FeedbackCategory[] = [
  { code: 'phuc_tap', vi: 'Phức tạp (nhiều cơ quan)', en: 'Complex (several agencies)' },
  { code: 'an_danh', vi: 'Ẩn danh', en: 'Anonymous' },
  { code: 'trung_lap', vi: 'Trùng lặp', en: 'Duplicate' },
];

export type ClockUnit = 'working_hours' | 'working_days' | 'calendar_days';

export interface ClockTarget {
  amount: number;
  unit: ClockUnit;
}

export interface TicketClass {
  code: 'phan_anh_kien_nghi' | 'khieu_nai' | 'to_cao' | 'khan';
  vi: string;
  en: string;
  /** First human action: acceptance (tiếp nhận / thụ lý), counted from receipt. */
  firstResponse: ClockTarget;
  /** Answer or decision, counted from `resolutionFrom`. */
  resolution: ClockTarget;
  /** Complaint and denunciation clocks run from the acceptance decision, not from receipt (Luật KN Art. 28, Luật TC Art. 30). */
  resolutionFrom: 'receipt' | 'acceptance';
  /** Longest resolution the law allows for a complex case, when it allows one. */
  complexResolution?: ClockTarget;
  /** Citation shown to admins next to the default; [U] marks a figure not confirmed in a source. */
  legalSource: string;
}

// Complaint and denunciation laws say "ngày" (days), not "ngày làm việc"; calendar days is the reading
// chosen here, and it stays configurable (vietnam.md §1.3).
export const TICKET_CLASSES: readonly TicketClass[] = [
  {
    code: 'phan_anh_kien_nghi',
    vi: 'Phản ánh, kiến nghị',
    en: 'Feedback or proposal',
    firstResponse: { amount: 8, unit: 'working_hours' },
    resolution: { amount: 15, unit: 'calendar_days' },
    resolutionFrom: 'receipt',
    legalSource:
      'NĐ 20/2008/NĐ-CP sửa đổi bởi NĐ 92/2017/NĐ-CP (chuyển cơ quan có thẩm quyền trong 05 ngày làm việc); ' +
      'tiếp nhận 8 giờ làm việc theo QĐ 1207/QĐ-UBND Hà Nội (2025); trả lời 15 ngày theo Công điện 89/CĐ-TTg (2025), đơn vị ngày [U]',
  },
  {
    code: 'khieu_nai',
    vi: 'Khiếu nại',
    en: 'Complaint',
    firstResponse: { amount: 10, unit: 'calendar_days' },
    resolution: { amount: 30, unit: 'calendar_days' },
    resolutionFrom: 'acceptance',
    complexResolution: { amount: 45, unit: 'calendar_days' },
    legalSource:
      'Luật Khiếu nại 2011 (02/2011/QH13): thụ lý trong 10 ngày (Điều 27); giải quyết lần đầu 30 ngày, ' +
      'phức tạp 45 ngày, vùng sâu vùng xa 45/60 ngày (Điều 28)',
  },
  {
    code: 'to_cao',
    vi: 'Tố cáo',
    en: 'Denunciation',
    firstResponse: { amount: 7, unit: 'working_days' },
    resolution: { amount: 30, unit: 'calendar_days' },
    resolutionFrom: 'acceptance',
    complexResolution: { amount: 90, unit: 'calendar_days' },
    legalSource:
      'Luật Tố cáo 2018 (25/2018/QH14): xử lý ban đầu 07 ngày làm việc (Điều 24) [U]; giải quyết 30 ngày, ' +
      'gia hạn tối đa hai lần 30 ngày (Điều 30); NĐ 31/2019/NĐ-CP',
  },
  {
    code: 'khan',
    vi: 'Khẩn (thiên tai, dịch bệnh, an toàn)',
    en: 'Urgent (disaster, epidemic, safety)',
    firstResponse: { amount: 4, unit: 'working_hours' },
    resolution: { amount: 1, unit: 'working_days' },
    resolutionFrom: 'receipt',
    legalSource: 'QĐ 1207/QĐ-UBND Hà Nội (2025): xử lý khẩn trong 4 giờ làm việc; QĐ 960/QĐ-UBND Đà Nẵng (2021): 1 ngày làm việc',
  },
];

/** Feedback outside the receiving agency's authority must be forwarded within this (NĐ 92/2017/NĐ-CP). */
export const REFERRAL_DEADLINE: ClockTarget = { amount: 5, unit: 'working_days' };
