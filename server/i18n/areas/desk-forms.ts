// The ticket page's forms done once (issue 14 items 4 and 5; services/tickets form-once.ts).
import type { AreaCatalogue } from '../index.js';

export const deskFormsCatalogue: AreaCatalogue = {
  vi: {
    'tickets.flash.again': 'Biểu mẫu này đã được gửi một lần và đã được thực hiện; lần gửi lặp lại không thực hiện lại (không gửi thư lần hai).',
    'tickets.error.body.form_used': 'Biểu mẫu trả lời này đã được dùng để gửi một câu trả lời khác. Nội dung được giữ lại: tải lại hồ sơ rồi gửi.',
    'tickets.error.note.form_used': 'Biểu mẫu này đã được dùng để ghi một ghi chú khác. Nội dung được giữ lại: tải lại hồ sơ rồi ghi.',
    'tickets.error.extension.form_used': 'Biểu mẫu này đã được dùng cho một lần gia hạn khác. Tải lại hồ sơ để xem thời hạn hiện tại.',
    'tickets.error.pause.form_used': 'Biểu mẫu này đã được dùng rồi. Tải lại hồ sơ để xem thời hạn hiện tại.',
    'tickets.error.accept.form_used': 'Biểu mẫu này đã được dùng rồi. Tải lại hồ sơ.',
  },
  en: {
    'tickets.flash.again': 'This form was already sent and done once; sending it again did nothing more (no second mail).',
    'tickets.error.body.form_used': 'This reply form was already used to send another answer. Your text is kept: reload the case, then send.',
    'tickets.error.note.form_used': 'This form was already used for another note. Your text is kept: reload the case, then add it.',
    'tickets.error.extension.form_used': 'This form was already used for another extension. Reload the case to see the current deadline.',
    'tickets.error.pause.form_used': 'This form was already used. Reload the case to see the clock as it is now.',
    'tickets.error.accept.form_used': 'This form was already used. Reload the case.',
  },
};
