// Office hours as people read them, for the calendar page: Monday first, "07:30–11:30, 13:30–17:00". Pure.
import type { OfficePeriod, WeekHours } from './types.js';

const MONDAY_FIRST = [1, 2, 3, 4, 5, 6, 0];

export function clockText(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function periodsText(periods: readonly OfficePeriod[]): string {
  return periods.map((p) => `${clockText(p.start)}–${clockText(p.end)}`).join(', ');
}

/** One entry per weekday (0 = Sunday), Monday first; `periods` is '' on a day off. */
export function weekText(week: WeekHours): { weekday: number; periods: string }[] {
  return MONDAY_FIRST.map((weekday) => ({ weekday, periods: periodsText(week[weekday] ?? []) }));
}
