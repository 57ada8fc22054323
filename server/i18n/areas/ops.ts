// Operations: the watchdog's and the hotline reconcile's alert mails (services/ops/watchdog.ts). An alert goes to operators who may read
// either language, so each mail carries the Vietnamese text and then the English one.
import type { AreaCatalogue } from '../index.js';

export const opsCatalogue: AreaCatalogue = {
  vi: {
    'ops.watchdog.last_ok': 'Lần đọc thành công cuối: {at}',
    'ops.watchdog.never': 'chưa bao giờ',
    'ops.watchdog.unowned.subject': 'Hộp thư đường dây nóng {agency} không có tiến trình nào đọc',
    'ops.watchdog.unowned.text': 'Không tiến trình worker nào giữ hộp thư đường dây nóng của {agency}: thư của công dân không được đọc. Kiểm tra tiến trình govmail worker.',
    'ops.watchdog.stale.subject': 'Hộp thư đường dây nóng {agency} lâu không đọc được',
    'ops.watchdog.stale.text': 'Hộp thư đường dây nóng của {agency} không được đọc thành công trong {minutes} phút ({failures} lần lỗi liên tiếp).',
    'ops.watchdog.failed.subject': '{n} thư gửi đi bị lỗi',
    'ops.watchdog.failed.text': 'Trong {hours} giờ qua, {failed} thư gửi đi thất bại và {unknown} thư không rõ đã gửi hay chưa. Xem trang chủ quản trị.',
    'ops.watchdog.unreached.subject': '{n} thư nhắc hạn không tới ai',
    'ops.watchdog.unreached.text': '{n} thư nhắc hạn hoặc báo quá hạn trong {hours} giờ qua không có người nhận (không ai được phân công hoặc không có hộp thư công vụ).',
    'ops.reconcile.gaps.subject': '{n} thư đường dây nóng của {agency} chưa được tiếp nhận',
    'ops.reconcile.gaps.text': 'Hộp thư đường dây nóng của {agency} có {n} thư chưa thành hồ sơ hay thư trong hồ sơ nào. UID: {uids}',
  },
  en: {
    'ops.watchdog.last_ok': 'Last success: {at}',
    'ops.watchdog.never': 'never',
    'ops.watchdog.unowned.subject': 'Hotline inbox {agency} has no owner',
    'ops.watchdog.unowned.text': "No worker holds the hotline inbox of {agency}: citizens' mail is not being read. Check the govmail worker processes.",
    'ops.watchdog.stale.subject': 'Hotline inbox {agency} is stale',
    'ops.watchdog.stale.text': 'The hotline inbox of {agency} had no successful poll for {minutes} min ({failures} failures in a row).',
    'ops.watchdog.failed.subject': '{n} outgoing mail failed',
    'ops.watchdog.failed.text': 'In the last {hours} h, {failed} outgoing mail failed and {unknown} had an unknown outcome. See the admin home page.',
    'ops.watchdog.unreached.subject': '{n} SLA notices reached nobody',
    'ops.watchdog.unreached.text': '{n} SLA reminders or escalations in the last {hours} h had no recipient (nobody assigned, or no official mailbox).',
    'ops.reconcile.gaps.subject': '{n} hotline mails of {agency} were not ingested',
    'ops.reconcile.gaps.subject.one': '{n} hotline mail of {agency} was not ingested',
    'ops.reconcile.gaps.text': 'The hotline inbox of {agency} holds {n} mails that became no ticket and no message of one. UIDs: {uids}',
    'ops.reconcile.gaps.text.one': 'The hotline inbox of {agency} holds {n} mail that became no ticket and no message of one. UID: {uids}',
  },
};
