// Accounts and roles (/admin/users, services/users): the page and the errors the users service raises
// (hr.err.<id>, see web/presenters/problem-text.ts).
import type { AreaCatalogue } from '../index.js';

export const usersCatalogue: AreaCatalogue = {
  vi: {
    'hr.err.user.not_admin': 'Chỉ quản trị viên được quản lý tài khoản.',
    'hr.err.user.role_invalid': 'Vai trò "{value}" không hợp lệ; chọn một trong: {roles}.',
    'hr.err.user.grant_out_of_scope': 'Bạn không được cấp vai trò {role} với phạm vi {agency}: cao hơn vai trò của bạn hoặc ngoài phạm vi bạn quản lý.',
    'hr.err.user.out_of_reach': 'Tài khoản {username} có vai trò cao hơn của bạn; bạn không thể thay đổi tài khoản này.',
    'hr.err.user.self': 'Bạn không thể tự đổi vai trò hoặc tự vô hiệu hóa tài khoản của mình.',
    'hr.err.user.mailbox_not_personal': '{address} là hộp thư dùng chung, không phải hộp thư của một người.',
    'hr.err.user.mailbox_other_agency': 'Hộp thư {address} thuộc cơ quan khác {agency}; vai trò chỉ được cấp trong cơ quan của người đó hoặc toàn tỉnh.',
    'hr.err.user.mailbox_taken': 'Hộp thư {address} đã gắn với tài khoản {username}; hãy đổi vai trò của tài khoản đó.',
    'hr.err.user.password_is_mailbox': 'Tài khoản cán bộ đăng nhập bằng mật khẩu hộp thư; hãy đặt lại mật khẩu hộp thư thay vì nhập ở đây.',
    'hr.err.user.exists': 'Tên đăng nhập này đã có.',
    'hr.err.user.username_invalid': 'Tên đăng nhập gồm 3–190 ký tự: a-z 0-9 . _ @ -',
    'hr.err.user.password_invalid': 'Mật khẩu phải gồm ít nhất 12 ký tự ASCII in được (không dấu).',
    'hr.err.agency.not_found': 'Không có cơ quan mã "{value}".',
    'hr.err.mailbox.not_found': 'Không có hộp thư "{value}".',
  },
  en: {
    'hr.err.user.not_admin': 'Only administrators manage accounts.',
    'hr.err.user.role_invalid': 'Role "{value}" is not valid; choose one of: {roles}.',
    'hr.err.user.grant_out_of_scope': 'You may not grant the role {role} with scope {agency}: it is above your own role or outside your scope.',
    'hr.err.user.out_of_reach': 'Account {username} holds a higher role than yours; you cannot change it.',
    'hr.err.user.self': 'You cannot change your own role or disable your own account.',
    'hr.err.user.mailbox_not_personal': '{address} is a shared mailbox, not a person\'s.',
    'hr.err.user.mailbox_other_agency': 'Mailbox {address} belongs to another agency than {agency}; a role is granted in the person\'s own agency or province-wide.',
    'hr.err.user.mailbox_taken': 'Mailbox {address} already belongs to account {username}; change that account\'s role instead.',
    'hr.err.user.password_is_mailbox': 'A staff account signs in with its mailbox\'s password; reset the mailbox password instead of entering one here.',
    'hr.err.user.exists': 'This username is already taken.',
    'hr.err.user.username_invalid': 'A username has 3–190 characters: a-z 0-9 . _ @ -',
    'hr.err.user.password_invalid': 'The password needs at least 12 printable ASCII characters (no tone marks).',
    'hr.err.agency.not_found': 'There is no agency with code "{value}".',
    'hr.err.mailbox.not_found': 'There is no mailbox "{value}".',
  },
};
