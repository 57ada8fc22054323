// The ticket page's forms done once, bulk actions on tickets changed since the queue was drawn, and the reply's
// file picker (issue 14 items 4 and 5; services/tickets form-once.ts, bulk.ts; views/partials/file-picker.hbs).
import type { AreaCatalogue } from '../index.js';

export const deskFormsCatalogue: AreaCatalogue = {
  vi: {
    'tickets.flash.again': 'Biểu mẫu này đã được gửi một lần và đã được thực hiện; lần gửi lặp lại không thực hiện lại (không gửi thư lần hai).',
    'tickets.error.body.form_used': 'Biểu mẫu trả lời này đã được dùng để gửi một câu trả lời khác. Nội dung được giữ lại: tải lại hồ sơ rồi gửi.',
    'tickets.error.note.form_used': 'Biểu mẫu này đã được dùng để ghi một ghi chú khác. Nội dung được giữ lại: tải lại hồ sơ rồi ghi.',
    'tickets.error.extension.form_used': 'Biểu mẫu này đã được dùng cho một lần gia hạn khác. Tải lại hồ sơ để xem thời hạn hiện tại.',
    'tickets.error.pause.form_used': 'Biểu mẫu này đã được dùng rồi. Tải lại hồ sơ để xem thời hạn hiện tại.',
    'tickets.error.accept.form_used': 'Biểu mẫu này đã được dùng rồi. Tải lại hồ sơ.',
    'queue.bulk.refused_changed': 'hồ sơ đã có thay đổi từ khi anh/chị mở danh sách',
    'queue.bulk.again': 'Vẫn thực hiện với các hồ sơ đã thay đổi',
    'queue.bulk.again_hint': 'Các hồ sơ trên đã được người khác thay đổi sau khi anh/chị mở danh sách. Xem các thay đổi, rồi chọn thực hiện hoặc quay lại danh sách.',
    'files.choose': 'Chọn tệp…',
    'files.choose_one': 'Chọn tệp…',
    'files.none': 'Chưa chọn tệp nào',
    'files.chosen': 'Đã chọn {n} tệp: {names}',
  },
  en: {
    'tickets.flash.again': 'This form was already sent and done once; sending it again did nothing more (no second mail).',
    'tickets.error.body.form_used': 'This reply form was already used to send another answer. Your text is kept: reload the case, then send.',
    'tickets.error.note.form_used': 'This form was already used for another note. Your text is kept: reload the case, then add it.',
    'tickets.error.extension.form_used': 'This form was already used for another extension. Reload the case to see the current deadline.',
    'tickets.error.pause.form_used': 'This form was already used. Reload the case to see the clock as it is now.',
    'tickets.error.accept.form_used': 'This form was already used. Reload the case.',
    'queue.bulk.refused_changed': 'the case changed since you opened the queue',
    'queue.bulk.again': 'Do it anyway on the changed cases',
    'queue.bulk.again_hint': 'Someone else changed these cases after you opened the queue. Look at the changes, then do it anyway or go back to the queue.',
    'files.choose': 'Choose files…',
    'files.choose_one': 'Choose a file…',
    'files.none': 'No file chosen',
    'files.chosen': '{n} files chosen: {names}',
    'files.chosen.one': '1 file chosen: {names}',
  },
};
