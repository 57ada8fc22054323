// Frozen: the triage rules migration 0027 seeds (services/triage/default-rules.ts as it stood then, measured on
// test/fixtures/triage and on the blind set of test/fixtures/triage-heldout). Never edit: a later seed is a new
// migration with its own frozen copy.
import type { FrozenTriageRule } from './frozen-triage-rule.js';

export const TRIAGE_RULES_0027: readonly FrozenTriageRule[] = [
  {
    id: 'seed-khan-chay-rung', name: 'Khẩn: cháy rừng', position: 10, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['cháy rừng'],
    },
    actions: {
      class: 'khan',
      priority: 'urgent',
      category: 'nong_nghiep_thien_tai',
    },
  },
  {
    id: 'seed-khan-thien-tai', name: 'Khẩn: thiên tai', position: 20, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['sạt lở', 'sạt lở đất', 'trượt đất', 'đất đá tràn', 'đất đá đổ', 'đá lăn', 'lũ quét', 'lũ ống', 'lũ lụt',
        'nước lũ', 'lũ lên', 'lũ dâng', 'nước dâng cao', 'bị chia cắt', 'bị cô lập', 'ngập lụt', 'lốc xoáy', 'vỡ đê', 'vỡ đập',
        'thân đập', 'động đất', 'sụt lún đất', 'cuốn trôi'],
      keywordsNone: ['khai thác cát', 'hút cát', 'hỗ trợ thiệt hại', 'thiệt hại do', 'khắc phục hậu quả', 'tháng trước',
        'năm ngoái', 'mỗi khi mưa', 'mỗi mùa mưa', 'mỗi năm', 'nguy cơ cháy rừng', 'phòng cháy', 'thửa đất', 'mảnh đất', 'phân lô'],
    },
    actions: {
      class: 'khan',
      priority: 'urgent',
      category: 'nong_nghiep_thien_tai',
    },
  },
  {
    id: 'seed-khan-chay-no', name: 'Khẩn: cháy, nổ', position: 30, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['đám cháy', 'cháy lớn', 'cháy nhà', 'cháy chợ', 'cháy nhà xưởng', 'cháy kho', 'cháy quán', 'cháy cửa hàng',
        'cháy ki ốt', 'cháy công ty', 'cháy nhà máy', 'cháy chung cư', 'bốc cháy', 'hỏa hoạn', 'cháy nổ', 'vụ nổ', 'rò rỉ khí',
        'rò rỉ gas', 'rò rỉ khí gas'],
      keywordsNone: ['nguy cơ cháy', 'phòng cháy', 'phòng chống cháy', 'nổ mìn'],
    },
    actions: {
      class: 'khan',
      priority: 'urgent',
      category: 'an_ninh_trat_tu',
    },
  },
  {
    id: 'seed-khan-ngo-doc-dich', name: 'Khẩn: ngộ độc, dịch bệnh', position: 40, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['ngộ độc', 'ngộ độc thực phẩm', 'dịch bệnh', 'ổ dịch', 'bùng phát', 'bùng phát dịch', 'sau bữa ăn',
        'sau khi ăn', 'nôn mửa'],
      keywordsNone: ['đàn lợn', 'lợn chết', 'dịch tả', 'heo', 'gia súc', 'gia cầm', 'vật nuôi', 'trâu bò'],
    },
    actions: {
      class: 'khan',
      priority: 'urgent',
      category: 'y_te',
    },
  },
  {
    id: 'seed-khan-giao-thong', name: 'Khẩn: tai nạn giao thông, sập cầu', position: 50, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['tai nạn giao thông', 'sập cầu', 'cầu bị sập', 'cầu sập', 'đứt cáp', 'lật xe', 'xe lao xuống', 'bị lật',
        'lật nghiêng', 'xe khách lật', 'xe tải lật', 'ô tô lật', 'đâm nhau', 'va chạm', 'tông vào', 'lật thuyền', 'chìm thuyền',
        'chìm đò', 'cây đổ chắn', 'cây đổ ra đường', 'chắn ngang đường', 'chắn ngang quốc lộ', 'chắn ngang tỉnh lộ'],
    },
    actions: {
      class: 'khan',
      priority: 'urgent',
      category: 'giao_thong',
    },
  },
  {
    id: 'seed-khan-dien', name: 'Khẩn: sự cố điện', position: 60, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['dây điện đứt', 'đứt dây điện', 'dây điện rơi', 'điện giật', 'cột điện đổ', 'chập điện'],
    },
    actions: {
      class: 'khan',
      priority: 'urgent',
      category: 'dien_nuoc_vien_thong',
    },
  },
  {
    id: 'seed-khan-an-ninh', name: 'Khẩn: hung khí, bạo lực đang xảy ra', position: 70, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['đâm chém', 'chém người', 'hung khí', 'bằng dao', 'cầm dao', 'nổ súng', 'bắt cóc', 'đang đánh nhau'],
    },
    actions: {
      class: 'khan',
      priority: 'urgent',
      category: 'an_ninh_trat_tu',
    },
  },
  {
    id: 'seed-khan-chung', name: 'Khẩn: an toàn tính mạng (lĩnh vực tìm tiếp)', position: 80, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['khẩn cấp', 'hỏa tốc', 'cần cứu hộ', 'lực lượng cứu hộ', 'cứu nạn', 'đuối nước', 'mất tích',
        'nguy hiểm đến tính mạng', 'sơ tán', 'sập nhà', 'đè sập', 'nguy cơ sập', 'sắp sập', 'hóa chất tràn', 'tràn hóa chất',
        'rò rỉ hóa chất'],
    },
    actions: {
      class: 'khan',
      priority: 'urgent',
      continue: true,
    },
  },
  {
    id: 'seed-to-cao', name: 'Tố cáo', position: 100, enabled: true,
    conditions: {
      in: 'both',
      keywordsAny: ['tố cáo', 'tố giác', 'đơn tố cáo', 'tham nhũng', 'nhận hối lộ', 'đưa hối lộ', 'hối lộ', 'tham ô', 'biển thủ',
        'ăn chặn', 'cắt xén', 'chiếm đoạt', 'lập khống', 'khai man', 'làm giả hồ sơ', 'bao che', 'làm ngơ cho', 'trốn thuế',
        'nhũng nhiễu', 'thu tiền ngoài quy định'],
      keywordsNone: ['không tố cáo', 'không có ý tố cáo', 'không phải tố cáo'],
    },
    actions: {
      class: 'to_cao',
      continue: true,
    },
  },
  {
    id: 'seed-khieu-nai', name: 'Khiếu nại', position: 110, enabled: true,
    conditions: {
      in: 'both',
      keywordsAny: ['khiếu nại', 'đơn khiếu nại', 'khiếu kiện', 'người khiếu nại', 'không đồng ý với quyết định',
        'không đồng ý với việc', 'không đồng ý với thông báo', 'không nhất trí với quyết định'],
      keywordsNone: ['không khiếu nại', 'không có ý khiếu nại', 'không phải khiếu nại'],
    },
    actions: {
      class: 'khieu_nai',
      continue: true,
    },
  },
  {
    id: 'seed-can-bo', name: 'Lĩnh vực (tiêu đề): Thái độ, trách nhiệm cán bộ', position: 200, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['sách nhiễu', 'nhũng nhiễu', 'gây phiền hà', 'gây khó dễ', 'gây khó khăn cho dân', 'làm khó dân', 'hách dịch',
        'hạch sách', 'cửa quyền', 'vòi vĩnh', 'quát tháo', 'quát nạt', 'chửi dân', 'thiếu văn hóa', 'xúc phạm người dân',
        'thái độ cán bộ', 'thái độ của cán bộ', 'thái độ của công chức', 'thái độ tiếp dân', 'tác phong', 'hẹn lần hẹn lữa',
        'hẹn đi hẹn lại', 'đùn đẩy', 'uống rượu trong giờ', 'say rượu', 'không nghe điện thoại', 'không tiếp dân',
        'không tiếp công dân', 'lịch tiếp dân', 'lịch tiếp công dân', 'cán bộ tiếp dân', 'hành vi của cán bộ',
        'hành vi của công chức', 'cán bộ chậm trễ', 'thiếu trách nhiệm', 'trốn việc', 'đi muộn về sớm', 'làm mất hồ sơ',
        'làm mất giấy tờ', 'làm thất lạc', 'để thất lạc', 'cán bộ làm mất', 'thái độ phục vụ', 'thái độ làm việc',
        'thiếu tôn trọng', 'cộc lốc', 'nạt nộ', 'lớn tiếng', 'đi làm muộn', 'làm việc muộn', 'bỏ vị trí', 'vắng mặt',
        'nói chuyện riêng', 'làm việc riêng', 'chơi điện thoại', 'xem điện thoại', 'chơi game', 'trong giờ làm việc',
        'trong giờ hành chính', 'không ai nghe máy', 'không ai nghe', 'không nghe máy', 'không nhấc máy', 'không bắt máy',
        'bắt bổ sung', 'bổ sung nhiều lần', 'đi lại nhiều lần', 'không hướng dẫn', 'hướng dẫn không đầy đủ', 'gây khó',
        'tắc trách'],
    },
    actions: {
      category: 'can_bo',
    },
  },
  {
    id: 'seed-can-bo-tien', name: 'Lĩnh vực (tiêu đề): Cán bộ đòi, nhận tiền của dân', position: 210, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['đòi tiền', 'nhận tiền', 'thu tiền', 'bồi dưỡng', 'phong bì', 'tiền cà phê', 'tiền bôi trơn', 'hối lộ'],
      keywordsAll: ['cán bộ'],
    },
    actions: {
      category: 'can_bo',
    },
  },
  {
    id: 'seed-khac-lien-he', name: 'Lĩnh vực (tiêu đề): Khác: xin địa chỉ, số liên hệ', position: 220, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['xin địa chỉ', 'địa chỉ email', 'địa chỉ thư điện tử', 'địa chỉ liên hệ', 'thông tin liên hệ',
        'xin số điện thoại', 'số điện thoại của', 'số đường dây nóng', 'đường dây nóng của tỉnh'],
    },
    actions: {
      category: 'khac',
    },
  },
  {
    id: 'seed-y-te', name: 'Lĩnh vực (tiêu đề): Y tế, bảo hiểm y tế, an toàn thực phẩm', position: 230, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['y tế', 'bệnh viện', 'trạm y tế', 'trung tâm y tế', 'bảo hiểm y tế', 'bhyt', 'khám bệnh', 'chữa bệnh',
        'khám chữa bệnh', 'phòng khám', 'bác sĩ', 'điều dưỡng', 'bệnh nhân', 'người bệnh', 'nằm viện', 'chuyển viện',
        'giường bệnh', 'viện phí', 'bán thuốc', 'nhà thuốc', 'hiệu thuốc', 'tiệm thuốc', 'thuốc giả', 'thuốc kháng sinh',
        'tiêm chủng', 'vắc xin', 'xét nghiệm', 'sức khỏe', 'an toàn thực phẩm', 'vệ sinh thực phẩm', 'thực phẩm bẩn',
        'thực phẩm không rõ nguồn gốc', 'không nhãn mác', 'không có nhãn mác', 'hết hạn sử dụng', 'quá hạn sử dụng', 'bánh kẹo',
        'thịt bẩn', 'thịt lợn bẩn', 'mất vệ sinh', 'sốt xuất huyết', 'cấp cứu', 'xe cấp cứu', 'khoa sản', 'y đức', 'thẩm mỹ',
        'cơ sở thẩm mỹ', 'tiêm filler', 'nha khoa', 'quầy thuốc', 'thuốc tây', 'thanh tra dược', 'khám sức khỏe', 'thẻ bhyt',
        'thực phẩm chức năng', 'bếp ăn'],
    },
    actions: {
      category: 'y_te',
    },
  },
  {
    id: 'seed-thue-tai-chinh', name: 'Lĩnh vực (tiêu đề): Thuế, phí, tài chính', position: 240, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['nộp thuế', 'tiền thuế', 'nợ thuế', 'cơ quan thuế', 'chi cục thuế', 'cục thuế', 'hoàn thuế',
        'thuế sử dụng đất', 'thuế thu nhập', 'thuế tncn', 'thuế khoán', 'mã số thuế', 'tờ khai thuế', 'khai thuế', 'trốn thuế',
        'quyết toán thuế', 'lệ phí', 'trước bạ', 'phí chợ', 'mức phí', 'biên lai', 'hóa đơn điện tử', 'xuất hóa đơn', 'vốn vay',
        'vay vốn', 'giải ngân', 'ngân hàng chính sách', 'ngân sách', 'thu chi', 'công khai tài chính', 'thu quỹ',
        'tiền sử dụng đất', 'tiền đóng góp', 'khoản đóng góp', 'huy động đóng góp', 'thu tiền làm đường', 'thu tiền xây',
        'thu tiền các hộ', 'thu mỗi hộ', 'thuế môn bài', 'thuế gtgt', 'thuế giá trị gia tăng', 'thuế phi nông nghiệp',
        'thuế hộ kinh doanh', 'kho bạc', 'miễn giảm tiền', 'ghi nợ tiền'],
    },
    actions: {
      category: 'thue_tai_chinh',
    },
  },
  {
    id: 'seed-dien-nuoc', name: 'Lĩnh vực (tiêu đề): Điện, nước, viễn thông', position: 250, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['mất điện', 'cúp điện', 'cắt điện', 'điện lực', 'điện lưới', 'điện yếu', 'điện áp', 'điện sinh hoạt',
        'tiền điện', 'công tơ', 'trạm biến áp', 'cột điện', 'dây điện', 'đường dây điện', 'hạ thế', 'trung thế', 'nước sạch',
        'nước máy', 'nước sinh hoạt', 'thiếu nước sinh hoạt', 'cấp nước', 'mất nước', 'tiền nước', 'giá nước', 'đồng hồ nước',
        'đường ống nước', 'vỡ ống nước', 'giếng khoan', 'nước giếng', 'sóng điện thoại', 'sóng di động', 'sóng yếu', 'mất sóng',
        'internet', 'mạng internet', 'cáp quang', 'nhà mạng', 'viễn thông', 'cáp viễn thông', 'wifi', 'truyền hình cáp',
        'mất tín hiệu', 'cúp nước', 'cắt nước', 'ngừng cấp nước', 'nước đục', 'nhà máy nước', 'nước yếu', 'sóng 4g', 'mạng 4g',
        'mạng di động', 'trạm phát sóng', 'cột ăng ten', 'cước viễn thông', 'cước internet', 'bưu chính', 'bưu phẩm',
        'điện chập chờn', 'kéo điện', 'chưa có điện', 'hóa đơn điện'],
    },
    actions: {
      category: 'dien_nuoc_vien_thong',
    },
  },
  {
    id: 'seed-moi-truong', name: 'Lĩnh vực (tiêu đề): Môi trường, khoáng sản', position: 260, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['môi trường', 'ô nhiễm', 'gây ô nhiễm', 'rác thải', 'thu gom rác', 'đốt rác', 'bãi rác', 'nước thải',
        'xả thải', 'chất thải', 'khói bụi', 'bụi bẩn', 'khói đen', 'mùi hôi', 'hôi thối', 'bốc mùi', 'mùi khét', 'tiếng ồn',
        'chuồng trại', 'khai thác cát', 'hút cát', 'khai thác khoáng sản', 'khoáng sản', 'khai thác đá', 'khai thác quặng',
        'khai thác đất', 'đào vàng', 'mỏ đá', 'nổ mìn', 'phế thải', 'đổ trộm', 'đốt rơm', 'lò gạch', 'cá chết', 'vứt xác',
        'xác động vật', 'xả ra sông', 'xả xuống sông', 'xả ra suối', 'xả xuống suối', 'xả nước ra sông', 'xả nước xuống sông',
        'xả nước ra suối', 'xả nước xuống suối', 'xả nước bẩn', 'nguồn nước bị ô nhiễm', 'cây xanh', 'chặt hạ cây',
        'chặt cây xanh', 'xe rác', 'xe chở rác', 'gom rác', 'vứt rác', 'đổ rác', 'xả rác', 'rác sinh hoạt', 'điểm tập kết rác',
        'hóa chất', 'khói bụi', 'bụi mù', 'múc đất đồi', 'xúc đất', 'xẻ đồi', 'mỏ cát', 'tàu hút', 'cát sỏi', 'lò vôi', 'lò than',
        'lò đốt', 'ô nhiễm không khí', 'ô nhiễm nguồn nước', 'chất thải nguy hại', 'chôn lấp'],
    },
    actions: {
      category: 'moi_truong',
    },
  },
  {
    id: 'seed-doanh-nghiep', name: 'Lĩnh vực (tiêu đề): Doanh nghiệp, đầu tư', position: 270, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['doanh nghiệp', 'thành lập công ty', 'giải thể', 'phá sản', 'đăng ký kinh doanh', 'giấy phép kinh doanh',
        'hộ kinh doanh', 'nhà đầu tư', 'dự án đầu tư', 'kêu gọi đầu tư', 'ưu đãi đầu tư', 'chủ trương đầu tư', 'xin chủ trương',
        'chấp thuận chủ trương', 'đăng ký đầu tư', 'khu công nghiệp', 'cụm công nghiệp', 'nhà máy', 'hợp tác xã', 'khởi nghiệp',
        'người đại diện theo pháp luật', 'nhãn hiệu', 'thương hiệu', 'ocop', 'công ty tnhh', 'công ty cổ phần', 'mở công ty',
        'vốn điều lệ', 'xúc tiến đầu tư', 'tiến độ dự án', 'chủ đầu tư dự án'],
      keywordsNone: ['karaoke', 'vũ trường', 'lữ hành', 'homestay'],
    },
    actions: {
      category: 'doanh_nghiep_dau_tu',
    },
  },
  {
    id: 'seed-ton-giao', name: 'Lĩnh vực (tiêu đề): Tôn giáo, tín ngưỡng', position: 280, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['tôn giáo', 'tín ngưỡng', 'truyền đạo', 'theo đạo', 'nhà thờ', 'nhà nguyện', 'giáo xứ', 'giáo họ', 'giáo dân',
        'tín đồ', 'chức sắc', 'điểm nhóm', 'giáng sinh', 'tin lành', 'công giáo', 'phật giáo', 'cơ sở tôn giáo', 'mê tín',
        'lễ cầu an', 'lễ cầu siêu', 'nhà sư', 'trụ trì', 'chánh điện', 'phật tử', 'tự viện', 'đạo lạ', 'tà đạo', 'hội thánh',
        'linh mục', 'mục sư', 'giáo hội', 'cao đài', 'hòa hảo', 'công trình tín ngưỡng'],
    },
    actions: {
      category: 'dan_toc_ton_giao',
    },
  },
  {
    id: 'seed-xay-dung', name: 'Lĩnh vực (tiêu đề): Xây dựng, trật tự đô thị', position: 290, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['xây dựng trái phép', 'xây dựng không phép', 'xây không phép', 'sai phép', 'giấy phép xây dựng',
        'xin phép xây dựng', 'công trình xây dựng', 'công trình trái phép', 'công trình sai phép', 'thi công kém',
        'chất lượng thi công', 'nhà thầu', 'xây nhà', 'làm nhà', 'xây lại nhà', 'sửa nhà', 'nâng tầng', 'xây lấn', 'xây vượt',
        'cơi nới', 'mái tôn', 'nứt tường', 'cải tạo nhà', 'sửa chữa nhà', 'lún móng', 'nứt nhà', 'ép cọc', 'tường rào', 'san lấp',
        'chỉ giới', 'vỉa hè', 'lấn chiếm vỉa hè', 'lấn chiếm lòng đường', 'lấn chiếm hành lang', 'tràn xuống lòng đường',
        'tràn ra lòng đường', 'kê bàn ghế', 'chợ cóc', 'dựng lều', 'lều quán', 'quán tạm', 'trật tự đô thị', 'trật tự xây dựng',
        'vi phạm xây dựng', 'xử phạt xây dựng', 'quy hoạch xây dựng', 'quy hoạch chi tiết', 'biển quảng cáo', 'tháo dỡ',
        'cưỡng chế tháo dỡ', 'cưỡng chế phá dỡ', 'chung cư', 'nhà chung cư', 'nhà ở xã hội', 'quỹ bảo trì', 'kinh phí bảo trì',
        'ban quản trị', 'giàn giáo', 'nhà cao tầng', 'công trình cao tầng', 'an toàn xây dựng', 'xây sai', 'xây trái phép',
        'phá dỡ', 'đình chỉ thi công'],
    },
    actions: {
      category: 'xay_dung_do_thi',
    },
  },
  {
    id: 'seed-dat-dai', name: 'Lĩnh vực (tiêu đề): Đất đai', position: 300, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['đất đai', 'sổ đỏ', 'sổ hồng', 'bìa đỏ', 'bìa hồng', 'sổ đất', 'giấy tờ đất',
        'giấy chứng nhận quyền sử dụng đất', 'gcn qsdđ', 'quyền sử dụng đất', 'mua đất', 'bán đất', 'mảnh đất', 'thửa đất',
        'diện tích đất', 'tách thửa', 'chuyển nhượng đất', 'sang tên', 'chuyển mục đích', 'mục đích sử dụng đất', 'thu hồi đất',
        'đất bị thu hồi', 'bồi thường đất', 'giá bồi thường', 'bồi thường khi thu hồi', 'đền bù', 'giải phóng mặt bằng',
        'tái định cư', 'tranh chấp đất', 'tranh chấp ranh giới', 'ranh giới đất', 'lấn chiếm đất', 'lấn đất', 'đo đạc',
        'địa chính', 'đất rừng', 'đất công', 'giao đất', 'cấp đất', 'đất nghĩa địa', 'lấy đất', 'hạn mức đất', 'đất thổ cư',
        'đất vườn', 'cấp bìa', 'cấp sổ', 'làm sổ', 'đất ở', 'đất nông nghiệp', 'đất ruộng', 'đăng ký biến động', 'biến động đất',
        'dồn điền đổi thửa', 'khai hoang', 'san ủi', 'tờ bản đồ'],
    },
    actions: {
      category: 'dat_dai',
    },
  },
  {
    id: 'seed-giao-thong', name: 'Lĩnh vực (tiêu đề): Giao thông', position: 310, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['giao thông', 'an toàn giao thông', 'đường liên xã', 'đường liên thôn', 'đường liên huyện', 'đường tỉnh',
        'quốc lộ', 'đường cao tốc', 'tuyến đường', 'đường vào', 'đường ngõ', 'đường bê tông', 'làm đường', 'sửa đường',
        'hỏng đường', 'hư hỏng đường', 'đường bị hỏng', 'đường xuống cấp', 'ổ gà', 'cầu treo', 'cầu tràn', 'cầu tạm', 'cầu khỉ',
        'cây cầu', 'ngầm tràn', 'xây cầu', 'sửa cầu', 'biển báo', 'đèn tín hiệu', 'gờ giảm tốc', 'ngã tư', 'ngã ba', 'đèo',
        'xe khách', 'xe buýt', 'xe tải', 'xe ben', 'xe công nông', 'xe tự chế', 'xe hợp đồng', 'bến xe', 'vận tải', 'quá tải',
        'lạng lách', 'tốc độ cao', 'bến đò', 'đò ngang', 'đường thủy', 'cảnh sát giao thông', 'csgt', 'phạt nguội', 'đăng kiểm',
        'ùn tắc', 'gương cầu lồi', 'khúc cua', 'vạch sơn', 'che khuất tầm nhìn', 'hành lang an toàn đường bộ', 'đường vô',
        'lầy lội', 'đường sá', 'bê tông hóa', 'vé xe', 'giá vé', 'nhà xe', 'dừng đỗ', 'đỗ xe trái phép', 'đậu xe trái phép',
        'đỗ xe trên', 'đậu xe trên', 'đường tránh', 'xe container', 'đường sắt', 'tàu hỏa', 'ga tàu', 'cầu vượt', 'cầu dân sinh',
        'taxi', 'xe ôm'],
    },
    actions: {
      category: 'giao_thong',
    },
  },
  {
    id: 'seed-dan-toc', name: 'Lĩnh vực (tiêu đề): Dân tộc', position: 320, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['dân tộc thiểu số', 'đồng bào dân tộc', 'người dân tộc', 'dân tộc', 'người mông', 'người dao', 'người thái',
        'người mường', 'người tày', 'người có uy tín', 'chương trình 1719', 'chương trình 135', 'di cư tự do', 'di dân tự do',
        'định canh định cư', 'tiếng dân tộc', 'chữ dân tộc', 'chữ thái', 'chữ mông', 'bà con dân tộc', 'vùng đồng bào'],
    },
    actions: {
      category: 'dan_toc_ton_giao',
    },
  },
  {
    id: 'seed-giao-duc', name: 'Lĩnh vực (tiêu đề): Giáo dục', position: 330, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['giáo dục', 'trường học', 'trường tiểu học', 'trường mầm non', 'trường thcs', 'trường thpt', 'điểm trường',
        'nhà trường', 'học sinh', 'giáo viên', 'cô giáo', 'thầy giáo', 'hiệu trưởng', 'phụ huynh', 'học phí', 'năm học',
        'lớp học', 'lớp 1', 'sách giáo khoa', 'tuyển sinh', 'trái tuyến', 'học thêm', 'dạy thêm', 'bán trú', 'phòng học',
        'chuyển trường', 'học đường', 'mẫu giáo', 'mầm non', 'kỳ thi', 'học bổng', 'chủ nhiệm lớp', 'cô chủ nhiệm',
        'thầy chủ nhiệm', 'phạt học sinh', 'đánh học sinh', 'nhóm trẻ', 'tư thục', 'trông trẻ', 'bằng tốt nghiệp', 'văn bằng',
        'tốt nghiệp', 'phúc khảo', 'điểm thi', 'thi tuyển', 'lớp chọn', 'hội cha mẹ', 'học bạ', 'sinh viên', 'đại học',
        'cao đẳng', 'giáo dục nghề nghiệp'],
    },
    actions: {
      category: 'giao_duc',
    },
  },
  {
    id: 'seed-lao-dong-xa-hoi', name: 'Lĩnh vực (tiêu đề): Lao động, xã hội', position: 340, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['bảo hiểm xã hội', 'bhxh', 'sổ bảo hiểm', 'chốt sổ', 'bảo hiểm thất nghiệp', 'lương hưu', 'trợ cấp',
        'trợ giúp xã hội', 'hộ nghèo', 'cận nghèo', 'người có công', 'gia đình chính sách', 'liệt sĩ', 'thương binh', 'bệnh binh',
        'chất độc da cam', 'khuyết tật', 'bảo trợ', 'mồ côi', 'người cao tuổi', 'tìm việc làm', 'giải quyết việc làm',
        'tạo việc làm', 'hỗ trợ việc làm', 'giới thiệu việc làm', 'dịch vụ việc làm', 'mất việc làm', 'thất nghiệp', 'nghỉ việc',
        'sa thải', 'hợp đồng lao động', 'nợ lương', 'trả lương', 'tiền lương', 'người lao động', 'tai nạn lao động', 'học nghề',
        'dạy nghề', 'đào tạo nghề', 'xuất khẩu lao động', 'đi lao động', 'thực tập sinh', 'ốm đau', 'thai sản', 'thử việc',
        'đóng bảo hiểm', 'tăng ca', 'làm thêm giờ', 'đuổi việc', 'thôi việc', 'mang thai', 'mang bầu', 'công đoàn', 'hưu trí',
        'tử tuất', 'mai táng phí', 'cứu đói', 'trẻ em mồ côi', 'chế độ hưu'],
    },
    actions: {
      category: 'lao_dong_xa_hoi',
    },
  },
  {
    id: 'seed-nong-nghiep', name: 'Lĩnh vực (tiêu đề): Nông nghiệp, lâm nghiệp, thủy lợi, thiên tai', position: 350, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['nông nghiệp', 'nông sản', 'nông dân', 'cây trồng', 'chuyển đổi cây trồng', 'cây ăn quả', 'hoa màu', 'ruộng',
        'vật nuôi', 'chăn nuôi', 'gia súc', 'gia cầm', 'trâu bò', 'lợn chết', 'thú y', 'lở mồm long móng', 'dịch tả',
        'cúm gia cầm', 'phân bón', 'giống lúa', 'giống cây', 'sâu bệnh', 'thuốc bảo vệ thực vật', 'khuyến nông', 'thủy lợi',
        'kênh mương', 'mương nước', 'mương tưới', 'đập tràn', 'nước tưới', 'tưới tiêu', 'hồ chứa', 'trồng rừng', 'phá rừng',
        'chặt phá rừng', 'lâm nghiệp', 'kiểm lâm', 'rừng phòng hộ', 'thiên tai', 'thiệt hại do', 'mưa đá', 'hỗ trợ thiệt hại',
        'tiêu thụ nông sản', 'thu mua', 'rét đậm', 'rét hại', 'cây giống', 'tốc mái', 'cơn bão', 'bão lũ', 'mưa lũ', 'giống bò',
        'bò giống', 'nuôi bò', 'thủy sản', 'nuôi cá', 'đê bao', 'đê điều', 'bờ đê', 'triều cường', 'xâm nhập mặn', 'hạn hán',
        'khô hạn', 'mất mùa', 'vụ mùa', 'khoán rừng', 'chặt trộm gỗ', 'khai thác gỗ', 'gỗ lậu', 'nương rẫy', 'đốt nương',
        'vật tư nông nghiệp', 'dịch tả lợn'],
    },
    actions: {
      category: 'nong_nghiep_thien_tai',
    },
  },
  {
    id: 'seed-an-ninh', name: 'Lĩnh vực (tiêu đề): An ninh, trật tự', position: 360, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['an ninh trật tự', 'mất an ninh', 'mất trật tự', 'gây rối', 'tụ tập', 'trộm cắp', 'trộm', 'mất trộm',
        'mất cắp', 'cướp giật', 'đánh nhau', 'hành hung', 'đánh người', 'côn đồ', 'bảo kê', 'cờ bạc', 'đánh bạc', 'cá độ',
        'ma túy', 'bóng cười', 'người nghiện', 'đối tượng nghiện', 'mại dâm', 'tín dụng đen', 'cho vay nặng lãi', 'đòi nợ',
        'lừa đảo', 'bị lừa', 'giả danh', 'mạo danh', 'tin nhắn lừa', 'cuộc gọi lừa', 'bạo lực gia đình', 'đua xe', 'pháo nổ',
        'vũ khí', 'hàng cấm', 'buôn lậu', 'hàng lậu', 'cưỡng đoạt', 'dọa giết', 'đe dọa', 'tệ nạn', 'quấy rối', 'xâm hại',
        'mua bán người', 'trộm chó', 'lô đề', 'ghi đề'],
    },
    actions: {
      category: 'an_ninh_trat_tu',
    },
  },
  {
    id: 'seed-van-hoa-du-lich', name: 'Lĩnh vực (tiêu đề): Văn hóa, thể thao, du lịch', position: 370, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['hoạt động văn hóa', 'thiết chế văn hóa', 'di sản văn hóa', 'đời sống văn hóa', 'phòng văn hóa', 'sở văn hóa',
        'nhà văn hóa', 'lễ hội', 'di tích', 'du lịch', 'khu du lịch', 'điểm du lịch', 'điểm tham quan', 'tham quan', 'danh lam',
        'thắng cảnh', 'check in', 'homestay', 'khách du lịch', 'karaoke', 'bảo tàng', 'thư viện', 'thể thao', 'sân bóng',
        'đua thuyền', 'cồng chiêng', 'dạy chiêng', 'văn nghệ', 'bản sắc', 'loa phát thanh', 'loa truyền thanh',
        'đài truyền thanh', 'đám cưới', 'đám ma', 'đám hiếu', 'việc cưới', 'việc tang', 'nếp sống', 'hủ tục', 'sân chơi',
        'khu vui chơi', 'điểm vui chơi', 'hướng dẫn viên', 'lưu trú du lịch', 'cơ sở lưu trú', 'hiện vật', 'di sản',
        'sân vận động', 'nhà thi đấu', 'câu lạc bộ', 'chèo kéo khách', 'chặt chém'],
    },
    actions: {
      category: 'van_hoa_du_lich',
    },
  },
  {
    id: 'seed-khac', name: 'Lĩnh vực (tiêu đề): Khác (cảm ơn, khen, góp ý trang tin, xin liên hệ)', position: 380, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['cảm ơn', 'thư cảm ơn', 'khen ngợi', 'lời khen', 'biểu dương', 'trang thông tin điện tử',
        'cổng thông tin điện tử', 'trang web', 'website', 'địa chỉ email', 'địa chỉ thư điện tử', 'số điện thoại',
        'đường dây nóng', 'góp ý ứng dụng', 'lỗi ứng dụng', 'ứng dụng phản ánh', 'chúc mừng'],
    },
    actions: {
      category: 'khac',
    },
  },
  {
    id: 'seed-thu-tuc-hanh-chinh', name: 'Lĩnh vực (tiêu đề): Thủ tục hành chính, dịch vụ công', position: 390, enabled: true,
    conditions: {
      in: 'subject',
      keywordsAny: ['thủ tục hành chính', 'thủ tục', 'dịch vụ công', 'một cửa', 'hồ sơ', 'giấy tờ', 'trễ hẹn', 'quá hẹn',
        'quá hạn', 'phiếu hẹn', 'khai sinh', 'khai tử', 'kết hôn', 'hộ tịch', 'cải chính', 'trích lục', 'bản sao', 'căn cước',
        'cccd', 'chứng minh nhân dân', 'hộ chiếu', 'thường trú', 'tạm trú', 'cư trú', 'hộ khẩu', 'chuyển khẩu', 'tách hộ',
        'chứng thực', 'công chứng', 'lý lịch tư pháp', 'tình trạng hôn nhân', 'con nuôi', 'giấy phép lái xe', 'bằng lái',
        'định danh', 'định danh điện tử', 'vneid', 'hành chính công'],
    },
    actions: {
      category: 'thu_tuc_hanh_chinh',
    },
  },
  {
    id: 'seed-khan-chay-rung-noi-dung', name: 'Khẩn (nội dung): cháy rừng', position: 400, enabled: true,
    conditions: {
      in: 'body',
      keywordsAny: ['cháy rừng'],
      keywordsNone: ['khai thác cát', 'hút cát', 'hỗ trợ thiệt hại', 'thiệt hại do', 'khắc phục hậu quả', 'tháng trước',
        'năm ngoái', 'mỗi khi mưa', 'mỗi mùa mưa', 'mỗi năm', 'nguy cơ cháy rừng', 'phòng cháy'],
    },
    actions: {
      class: 'khan',
      priority: 'urgent',
      category: 'nong_nghiep_thien_tai',
    },
  },
  {
    id: 'seed-khan-thien-tai-noi-dung', name: 'Khẩn (nội dung): thiên tai đang xảy ra', position: 410, enabled: true,
    conditions: {
      in: 'body',
      keywordsAny: ['sạt lở', 'sạt lở đất', 'lũ quét', 'lũ ống', 'cuốn trôi', 'vùi lấp', 'bị vùi', 'nước dâng cao',
        'nước đang lên', 'đang dâng', 'vỡ đê', 'vỡ đập', 'bị chia cắt hoàn toàn'],
      keywordsNone: ['khai thác cát', 'hút cát', 'hỗ trợ thiệt hại', 'thiệt hại do', 'khắc phục hậu quả', 'tháng trước',
        'năm ngoái', 'mỗi khi mưa', 'mỗi mùa mưa', 'mỗi năm', 'nguy cơ cháy rừng', 'phòng cháy', 'chống sạt lở', 'xây kè',
        'kè chống'],
    },
    actions: {
      class: 'khan',
      priority: 'urgent',
      category: 'nong_nghiep_thien_tai',
    },
  },
  {
    id: 'seed-khan-chay-no-noi-dung', name: 'Khẩn (nội dung): cháy, nổ', position: 420, enabled: true,
    conditions: {
      in: 'body',
      keywordsAny: ['đám cháy', 'cháy lớn', 'bốc cháy', 'hỏa hoạn', 'vụ nổ', 'rò rỉ khí gas', 'rò rỉ gas'],
    },
    actions: {
      class: 'khan',
      priority: 'urgent',
      category: 'an_ninh_trat_tu',
    },
  },
  {
    id: 'seed-khan-ngo-doc-noi-dung', name: 'Khẩn (nội dung): ngộ độc', position: 430, enabled: true,
    conditions: {
      in: 'body',
      keywordsAny: ['bị ngộ độc', 'ngộ độc tập thể'],
    },
    actions: {
      class: 'khan',
      priority: 'urgent',
      category: 'y_te',
    },
  },
  {
    id: 'seed-khan-dien-noi-dung', name: 'Khẩn (nội dung): sự cố điện', position: 440, enabled: true,
    conditions: {
      in: 'body',
      keywordsAny: ['dây điện đứt', 'đứt dây điện', 'điện giật', 'tóe lửa'],
    },
    actions: {
      class: 'khan',
      priority: 'urgent',
      category: 'dien_nuoc_vien_thong',
    },
  },
  {
    id: 'seed-khan-chung-noi-dung', name: 'Khẩn (nội dung): cứu người (lĩnh vực tìm tiếp)', position: 450, enabled: true,
    conditions: {
      in: 'body',
      keywordsAny: ['đuối nước', 'mắc kẹt', 'cứu hộ gấp', 'cần cứu hộ', 'lực lượng cứu hộ', 'cứu nạn', 'nguy hiểm đến tính mạng',
        'đang bị thương'],
    },
    actions: {
      class: 'khan',
      priority: 'urgent',
      continue: true,
    },
  },
  {
    id: 'seed-can-bo-noi-dung', name: 'Lĩnh vực (nội dung): Thái độ, trách nhiệm cán bộ', position: 500, enabled: true,
    conditions: {
      in: 'body',
      keywordsAny: ['sách nhiễu', 'nhũng nhiễu', 'gây phiền hà', 'gây khó dễ', 'hách dịch', 'hạch sách', 'cửa quyền', 'vòi vĩnh',
        'quát tháo', 'thái độ của cán bộ', 'trách nhiệm của cán bộ', 'cán bộ chậm trễ', 'chậm xử lý đơn', 'hẹn lần hẹn lữa',
        'đùn đẩy trách nhiệm', 'thái độ phục vụ', 'trả lời cộc lốc', 'chơi điện thoại', 'bắt bổ sung', 'không hướng dẫn một lần'],
    },
    actions: {
      category: 'can_bo',
    },
  },
  {
    id: 'seed-can-bo-tien-noi-dung', name: 'Lĩnh vực (nội dung): Cán bộ đòi, nhận tiền của dân', position: 510, enabled: true,
    conditions: {
      in: 'body',
      keywordsAny: ['đòi tiền', 'tiền bồi dưỡng', 'phong bì', 'tiền bôi trơn', 'thu tiền ngoài quy định', 'nhận hối lộ'],
      keywordsAll: ['cán bộ'],
    },
    actions: {
      category: 'can_bo',
    },
  },
  {
    id: 'seed-y-te-noi-dung', name: 'Lĩnh vực (nội dung): Y tế, bảo hiểm y tế, an toàn thực phẩm', position: 520, enabled: true,
    conditions: {
      in: 'body',
      keywordsAny: ['an toàn thực phẩm', 'vệ sinh thực phẩm', 'bảo hiểm y tế', 'khám chữa bệnh', 'thanh tra y tế', 'phòng khám',
        'viện phí', 'bệnh viện', 'trạm y tế', 'sở y tế', 'thẻ bảo hiểm y tế', 'kê đơn'],
    },
    actions: {
      category: 'y_te',
    },
  },
  {
    id: 'seed-thue-tai-chinh-noi-dung', name: 'Lĩnh vực (nội dung): Thuế, phí, tài chính', position: 530, enabled: true,
    conditions: {
      in: 'body',
      keywordsAny: ['nộp thuế', 'cơ quan thuế', 'chi cục thuế', 'thuế thu nhập', 'mã số thuế', 'lệ phí trước bạ',
        'ngân hàng chính sách', 'ngân sách', 'huy động đóng góp', 'công khai thu chi', 'kho bạc nhà nước', 'nộp phí',
        'phí, lệ phí'],
    },
    actions: {
      category: 'thue_tai_chinh',
    },
  },
  {
    id: 'seed-dien-nuoc-noi-dung', name: 'Lĩnh vực (nội dung): Điện, nước, viễn thông', position: 540, enabled: true,
    conditions: {
      in: 'body',
      keywordsAny: ['mất điện', 'điện lực', 'điện lưới', 'tiền điện', 'nước sạch', 'nước sinh hoạt', 'cấp nước', 'nhà mạng',
        'viễn thông', 'giếng khoan', 'công ty cấp nước', 'nhà mạng', 'trạm biến áp', 'công tơ điện'],
      keywordsNone: ['đào đường', 'hoàn trả mặt đường'],
    },
    actions: {
      category: 'dien_nuoc_vien_thong',
    },
  },
  {
    id: 'seed-moi-truong-noi-dung', name: 'Lĩnh vực (nội dung): Môi trường, khoáng sản', position: 550, enabled: true,
    conditions: {
      in: 'body',
      keywordsAny: ['gây ô nhiễm', 'ô nhiễm môi trường', 'xả thải', 'nước thải', 'rác thải', 'khai thác cát', 'hút cát',
        'khai thác khoáng sản', 'mùi hôi thối', 'xả ra sông', 'xả xuống sông', 'xả ra suối', 'xả xuống suối', 'chặt hạ cây xanh',
        'thu gom rác', 'chất thải nguy hại', 'giấy phép khai thác', 'khai thác đất trái phép', 'khai thác đá'],
    },
    actions: {
      category: 'moi_truong',
    },
  },
  {
    id: 'seed-doanh-nghiep-noi-dung', name: 'Lĩnh vực (nội dung): Doanh nghiệp, đầu tư', position: 560, enabled: true,
    conditions: {
      in: 'body',
      keywordsAny: ['đăng ký doanh nghiệp', 'đăng ký kinh doanh', 'nhà đầu tư', 'dự án đầu tư', 'chủ trương đầu tư', 'hợp tác xã',
        'doanh nghiệp nhỏ và vừa', 'vốn điều lệ', 'ưu đãi đầu tư'],
    },
    actions: {
      category: 'doanh_nghiep_dau_tu',
    },
  },
  {
    id: 'seed-ton-giao-noi-dung', name: 'Lĩnh vực (nội dung): Tôn giáo, tín ngưỡng', position: 570, enabled: true,
    conditions: {
      in: 'body',
      keywordsAny: ['sinh hoạt tôn giáo', 'hoạt động tôn giáo', 'truyền đạo', 'tín ngưỡng', 'mê tín dị đoan', 'đạo lạ', 'tà đạo'],
    },
    actions: {
      category: 'dan_toc_ton_giao',
    },
  },
  {
    id: 'seed-xay-dung-noi-dung', name: 'Lĩnh vực (nội dung): Xây dựng, trật tự đô thị', position: 580, enabled: true,
    conditions: {
      in: 'body',
      keywordsAny: ['giấy phép xây dựng', 'xây dựng trái phép', 'xây dựng không phép', 'trật tự xây dựng', 'trật tự đô thị',
        'lấn chiếm vỉa hè', 'cơi nới', 'nhà chung cư', 'nhà ở xã hội', 'quỹ bảo trì'],
    },
    actions: {
      category: 'xay_dung_do_thi',
    },
  },
  {
    id: 'seed-dat-dai-noi-dung', name: 'Lĩnh vực (nội dung): Đất đai', position: 590, enabled: true,
    conditions: {
      in: 'body',
      keywordsAny: ['quyền sử dụng đất', 'giấy chứng nhận quyền sử dụng đất', 'sổ đỏ', 'bìa đỏ', 'thu hồi đất',
        'giải phóng mặt bằng', 'tranh chấp đất', 'thửa đất', 'đền bù', 'bản đồ địa chính', 'đăng ký đất đai',
        'chuyển nhượng quyền sử dụng', 'tờ bản đồ'],
    },
    actions: {
      category: 'dat_dai',
    },
  },
  {
    id: 'seed-giao-thong-noi-dung', name: 'Lĩnh vực (nội dung): Giao thông', position: 600, enabled: true,
    conditions: {
      in: 'body',
      keywordsAny: ['giao thông', 'đường liên xã', 'đường liên thôn', 'quốc lộ', 'ổ gà', 'cầu treo', 'biển báo giao thông',
        'biển cảnh báo', 'xe quá tải', 'xe khách', 'xe buýt'],
      keywordsNone: ['đào đường', 'hoàn trả mặt đường'],
    },
    actions: {
      category: 'giao_thong',
    },
  },
  {
    id: 'seed-dan-toc-noi-dung', name: 'Lĩnh vực (nội dung): Dân tộc', position: 610, enabled: true,
    conditions: {
      in: 'body',
      keywordsAny: ['dân tộc thiểu số', 'đồng bào dân tộc', 'di cư tự do', 'tiếng dân tộc'],
    },
    actions: {
      category: 'dan_toc_ton_giao',
    },
  },
  {
    id: 'seed-giao-duc-noi-dung', name: 'Lĩnh vực (nội dung): Giáo dục', position: 620, enabled: true,
    conditions: {
      in: 'body',
      keywordsAny: ['phòng giáo dục', 'sở giáo dục', 'hiệu trưởng', 'giáo viên chủ nhiệm', 'cô chủ nhiệm', 'học phí',
        'sách giáo khoa', 'tuyển sinh', 'năm học', 'nhà trường', 'phòng giáo dục và đào tạo', 'học sinh bán trú'],
    },
    actions: {
      category: 'giao_duc',
    },
  },
  {
    id: 'seed-lao-dong-xa-hoi-noi-dung', name: 'Lĩnh vực (nội dung): Lao động, xã hội', position: 630, enabled: true,
    conditions: {
      in: 'body',
      keywordsAny: ['bảo hiểm xã hội', 'lương hưu', 'trợ cấp xã hội', 'hộ nghèo', 'người có công', 'tai nạn lao động', 'nợ lương',
        'thất nghiệp', 'thai sản', 'hợp đồng lao động', 'đuổi việc'],
    },
    actions: {
      category: 'lao_dong_xa_hoi',
    },
  },
  {
    id: 'seed-nong-nghiep-noi-dung', name: 'Lĩnh vực (nội dung): Nông nghiệp, lâm nghiệp, thủy lợi, thiên tai', position: 640, enabled: true,
    conditions: {
      in: 'body',
      keywordsAny: ['thiên tai', 'lũ quét', 'sạt lở', 'phá rừng', 'kênh mương', 'thủy lợi', 'cây trồng', 'phân bón', 'kiểm lâm',
        'thú y', 'chăn nuôi', 'triều cường'],
    },
    actions: {
      category: 'nong_nghiep_thien_tai',
    },
  },
  {
    id: 'seed-an-ninh-noi-dung', name: 'Lĩnh vực (nội dung): An ninh, trật tự', position: 650, enabled: true,
    conditions: {
      in: 'body',
      keywordsAny: ['an ninh trật tự', 'mất trật tự', 'trộm cắp', 'ma túy', 'cờ bạc', 'đánh bạc', 'lừa đảo', 'tín dụng đen',
        'mạo danh', 'buôn lậu', 'hàng cấm', 'tệ nạn xã hội'],
    },
    actions: {
      category: 'an_ninh_trat_tu',
    },
  },
  {
    id: 'seed-van-hoa-du-lich-noi-dung', name: 'Lĩnh vực (nội dung): Văn hóa, thể thao, du lịch', position: 660, enabled: true,
    conditions: {
      in: 'body',
      keywordsAny: ['lễ hội', 'di tích', 'khách du lịch', 'karaoke', 'thể dục thể thao'],
    },
    actions: {
      category: 'van_hoa_du_lich',
    },
  },
  {
    id: 'seed-thu-tuc-hanh-chinh-noi-dung', name: 'Lĩnh vực (nội dung): Thủ tục hành chính, dịch vụ công', position: 670, enabled: true,
    conditions: {
      in: 'body',
      keywordsAny: ['thủ tục hành chính', 'dịch vụ công', 'bộ phận một cửa', 'trễ hẹn', 'khai sinh', 'hộ tịch', 'căn cước',
        'thường trú', 'chứng thực', 'lý lịch tư pháp'],
    },
    actions: {
      category: 'thu_tuc_hanh_chinh',
    },
  },
];
