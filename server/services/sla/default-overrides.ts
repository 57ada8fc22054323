// Yearly government decisions that the rules cannot derive, as published (vietnam.md §2.2).
// Keep one line per date with its source. Admin overrides from the database are applied after these,
// so a province can always correct an entry.
import type { DayOverride } from './types.js';

const TET_2026 = 'Tết Bính Ngọ 2026, 16/2–20/2 (Thông báo 9441/TB-BNV, 16/10/2025)';
// The reason is the day's name on the calendar page, so it is written in Vietnamese (issue 15 item 3).
const HUNG_VUONG_2026 =
  'Nghỉ bù Giỗ Tổ Hùng Vương (Chủ nhật 26/4/2026), khoản 3 Điều 111 BLLĐ 2019; thanhnien.vn 23/02/2026';

export const DEFAULT_OVERRIDES: readonly DayOverride[] = [
  // 2024 swap for 30/4–1/5: Công văn 2450/VPCP-KGVX.
  { date: '2024-04-29', kind: 'off', reason: 'Hoán đổi ngày làm việc 30/4–1/5/2024 (CV 2450/VPCP-KGVX)' },
  { date: '2024-05-04', kind: 'work', reason: 'Làm bù thứ Bảy 4/5/2024 (CV 2450/VPCP-KGVX)' },
  // 2026: pinned as published, so a change in the library's lunar arithmetic cannot move them.
  { date: '2026-02-16', kind: 'off', reason: TET_2026 },
  { date: '2026-02-17', kind: 'off', reason: TET_2026 },
  { date: '2026-02-18', kind: 'off', reason: TET_2026 },
  { date: '2026-02-19', kind: 'off', reason: TET_2026 },
  { date: '2026-02-20', kind: 'off', reason: TET_2026 },
  { date: '2026-04-27', kind: 'off', reason: HUNG_VUONG_2026 },
  // 2027: no decision found yet (vietnam.md §7); the rules in legal-extra-days.ts apply until one is.
];
