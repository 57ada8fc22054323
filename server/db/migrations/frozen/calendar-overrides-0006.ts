// Frozen: the province-wide calendar overrides migration 0006 seeded into calendar_overrides
// (services/sla/default-overrides.ts DEFAULT_OVERRIDES as it stood then; sources are cited there). Never edit:
// a database migrated then holds these rows, and a fresh one must end the same.
export interface FrozenDayOverride {
  date: string;
  kind: 'off' | 'work';
  reason: string;
}

const TET_2026 = 'Tết Bính Ngọ 2026, 16/2–20/2 (Thông báo 9441/TB-BNV, 16/10/2025)';
const HUNG_VUONG_2026 = 'Nghỉ bù Giỗ Tổ Hùng Vương (Sun 26/4/2026), BLLĐ 2019 Art. 111(3); thanhnien.vn 23/02/2026';

export const CALENDAR_OVERRIDES_0006: readonly FrozenDayOverride[] = [
  { date: '2024-04-29', kind: 'off', reason: 'Hoán đổi ngày làm việc 30/4–1/5/2024 (CV 2450/VPCP-KGVX)' },
  { date: '2024-05-04', kind: 'work', reason: 'Làm bù thứ Bảy 4/5/2024 (CV 2450/VPCP-KGVX)' },
  { date: '2026-02-16', kind: 'off', reason: TET_2026 },
  { date: '2026-02-17', kind: 'off', reason: TET_2026 },
  { date: '2026-02-18', kind: 'off', reason: TET_2026 },
  { date: '2026-02-19', kind: 'off', reason: TET_2026 },
  { date: '2026-02-20', kind: 'off', reason: TET_2026 },
  { date: '2026-04-27', kind: 'off', reason: HUNG_VUONG_2026 },
];
