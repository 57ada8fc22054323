// The 2026 Hùng Vương substitute day was seeded (0006) with a name half in English ("Sun 26/4/2026", "Art.
// 111(3)"), and the calendar page shows an override's reason as the day's name (issue 15 item 3). Renames that
// row where it still holds the seeded text; a reason an admin has since rewritten is theirs and stays.
import type { Migration } from './context.js';

/** Reasons 0006 seeded → the Vietnamese ones of services/sla/default-overrides.ts (a unit test keeps them equal). */
export const CALENDAR_RENAMES_0018: readonly { date: string; from: string; to: string }[] = [
  {
    date: '2026-04-27',
    from: 'Nghỉ bù Giỗ Tổ Hùng Vương (Sun 26/4/2026), BLLĐ 2019 Art. 111(3); thanhnien.vn 23/02/2026',
    to: 'Nghỉ bù Giỗ Tổ Hùng Vương (Chủ nhật 26/4/2026), khoản 3 Điều 111 BLLĐ 2019; thanhnien.vn 23/02/2026',
  },
];

export const calendarNamesVi: Migration = {
  name: '0018-calendar-names-vi',
  async up({ sequelize }) {
    for (const r of CALENDAR_RENAMES_0018) {
      await sequelize.query("UPDATE calendar_overrides SET reason = ? WHERE scope = 'province' AND date = ? AND reason = ?",
        { replacements: [r.to, r.date, r.from] });
    }
  },
  async down({ sequelize }) {
    for (const r of CALENDAR_RENAMES_0018) {
      await sequelize.query("UPDATE calendar_overrides SET reason = ? WHERE scope = 'province' AND date = ? AND reason = ?",
        { replacements: [r.from, r.date, r.to] });
    }
  },
};
