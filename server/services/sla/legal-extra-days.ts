// Days off the Labour Code grants that date-holidays (3.37, country VN) does not emit.
// Checked against vietnam.md §2.2–2.3: the library has 1/1, the 5-day Tết block, Giỗ Tổ Hùng Vương,
// 30/4, 1/5 and 2/9, but neither the second Quốc khánh day nor any substitute day.
import { dayToIsoDate, isoDateToDay, weekdayOf } from '../time/index.js';

export interface LegalExtraRule {
  readonly id: string;
  readonly name: string;
  readonly source: string;
  /** Extra ISO dates for `year`, given the statutory holidays found so far (sorted ISO dates). */
  readonly days: (year: number, statutory: readonly string[]) => string[];
}

// Which neighbour of 2/9 is off depends on its weekday (index 0 = Sunday). The law leaves the choice to
// the Prime Minister each year; this is the pattern of the 2021–2025 decisions (e.g. 2024: Mon 2/9 → Tue
// 3/9; 2023: Sat 2/9 → Fri 1/9), as encoded in vacanza/holidays `vietnam.py`. Confirm each year and
// record a different decision as a DayOverride.
const QUOC_KHANH_SECOND_DAY_SHIFT = [+1, +1, -1, -1, +1, -1, -1] as const;
const QUOC_KHANH_SECOND_DAY_SINCE_YEAR = 2021;

/** Civil-service weekly rest days (QĐ 188/1999/QĐ-TTg Art. 1): Saturday and Sunday. */
function isWeeklyRestDay(day: number): boolean {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
}

export const LEGAL_EXTRA_DAYS: readonly LegalExtraRule[] = [
  {
    id: 'quoc-khanh-second-day',
    name: 'Quốc khánh (ngày thứ hai)',
    source:
      'Bộ luật Lao động 2019 Art. 112(1)(đ): 2/9 plus one adjacent day, fixed yearly by the Prime ' +
      'Minister (Art. 112(3)); side chosen as in the 2021–2025 decisions',
    days: (year) => {
      if (year < QUOC_KHANH_SECOND_DAY_SINCE_YEAR) return [];
      const national = isoDateToDay(`${year}-09-02`);
      return [dayToIsoDate(national + QUOC_KHANH_SECOND_DAY_SHIFT[weekdayOf(national)])];
    },
  },
  {
    id: 'substitute-day',
    name: 'Nghỉ bù',
    source:
      'Bộ luật Lao động 2019 Art. 111(3): a holiday on the weekly rest day is taken on the next ' +
      'working day (e.g. 2023: Hùng Vương Sat 29/4 → Tue 2/5, 30/4 Sun → Wed 3/5)',
    days: (_year, statutory) => {
      const holidays = new Set(statutory.map(isoDateToDay));
      const taken = new Set<number>();
      for (const iso of statutory) {
        const day = isoDateToDay(iso);
        if (!isWeeklyRestDay(day)) continue;
        let substitute = day + 1;
        while (isWeeklyRestDay(substitute) || holidays.has(substitute) || taken.has(substitute)) {
          substitute += 1;
        }
        taken.add(substitute);
      }
      return [...taken].sort((a, b) => a - b).map(dayToIsoDate);
    },
  },
];
