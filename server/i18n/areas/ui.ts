// Strings of the design system itself: the layout (menu, skip link), and the shared components (field, pager,
// confirmation, empty states). Page strings live in their area's file.
import type { AreaCatalogue } from '../index.js';

export const uiCatalogue: AreaCatalogue = {
  vi: {
    'nav.menu': 'Danh mục',
    'nav.label': 'Danh mục chính',
    'nav.skip': 'Bỏ qua danh mục, tới nội dung chính',
    'nav.group.work': 'Công việc',
    'nav.group.people': 'Nhân sự, hộp thư',
    'nav.group.settings': 'Cấu hình',
    'ui.error_prefix': 'Lỗi:',
    'ui.pager.label': 'Phân trang',
    'ui.pager.prev': 'Trang trước',
    'ui.pager.next': 'Trang sau',
    'ui.pager.page': 'Trang {page}/{pages}',
    'ui.confirm.cancel': 'Hủy, quay lại',
    'ui.confirm.irreversible': 'Không thể hoàn tác thao tác này.',
  },
  en: {
    'nav.menu': 'Menu',
    'nav.label': 'Main menu',
    'nav.skip': 'Skip the menu, go to the main content',
    'nav.group.work': 'Work',
    'nav.group.people': 'People and mailboxes',
    'nav.group.settings': 'Settings',
    'ui.error_prefix': 'Error:',
    'ui.pager.label': 'Pages',
    'ui.pager.prev': 'Previous',
    'ui.pager.next': 'Next',
    'ui.pager.page': 'Page {page} of {pages}',
    'ui.confirm.cancel': 'Cancel, go back',
    'ui.confirm.irreversible': 'This cannot be undone.',
  },
};
