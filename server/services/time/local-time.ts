// Wall-clock arithmetic for a fixed UTC offset. Vietnam (Asia/Ho_Chi_Minh) has had UTC+7 without DST
// since 1975, so a local date is just "days since 1970-01-01 in UTC+7" and a local time is minutes past
// local midnight. Nothing here reads the machine's TZ: every Date is handled through its epoch ms.

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;
export const MINUTES_PER_DAY = 1_440;
/** Asia/Ho_Chi_Minh: UTC+7, no daylight saving time. */
export const VN_UTC_OFFSET_MINUTES = 420;

/** A local calendar date as a whole number of days since 1970-01-01 (in the calendar's offset). */
export type DayNumber = number;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The local date on which `instant` falls. */
export function localDay(instant: Date, offsetMinutes: number): DayNumber {
  return Math.floor((instant.getTime() + offsetMinutes * MINUTE_MS) / DAY_MS);
}

/** Minutes (possibly fractional) past local midnight of `instant`. */
export function localMinute(instant: Date, offsetMinutes: number): number {
  const localMs = instant.getTime() + offsetMinutes * MINUTE_MS;
  return (localMs - Math.floor(localMs / DAY_MS) * DAY_MS) / MINUTE_MS;
}

/** The instant that is `minute` minutes past local midnight of `day`. Rounded to whole ms. */
export function instantAt(day: DayNumber, minute: number, offsetMinutes: number): Date {
  return new Date(Math.round(day * DAY_MS + (minute - offsetMinutes) * MINUTE_MS));
}

/** 0 = Sunday … 6 = Saturday, like Date#getUTCDay. */
export function weekdayOf(day: DayNumber): number {
  return new Date(day * DAY_MS).getUTCDay();
}

export function dayToIsoDate(day: DayNumber): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Parses 'YYYY-MM-DD' strictly (rejects 2026-02-30). */
export function isoDateToDay(iso: string): DayNumber {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new Error(`Invalid date "${iso}": expected YYYY-MM-DD`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  if (new Date(ms).getUTCDate() !== d || new Date(ms).getUTCMonth() !== mo - 1) {
    throw new Error(`Invalid date "${iso}": no such day`);
  }
  return ms / DAY_MS;
}

/** Year of a day number (local). */
export function yearOf(day: DayNumber): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** 'MM-DD' of a day number, for seasonal ranges. */
export function monthDayOf(day: DayNumber): string {
  return dayToIsoDate(day).slice(5);
}

/** Formats an instant as local ISO 8601 with the explicit offset, e.g. 2026-02-23T17:00:00+07:00. */
export function toLocalIso(instant: Date, offsetMinutes: number = VN_UTC_OFFSET_MINUTES): string {
  const local = new Date(instant.getTime() + offsetMinutes * MINUTE_MS).toISOString().slice(0, 19);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

/** 'HH:MM' → minutes past midnight; '24:00' is allowed as an end of day. */
export function parseClock(text: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[2]) > 59 || !(minutes >= 0 && minutes <= MINUTES_PER_DAY)) {
    throw new Error(`Invalid clock time "${text}": expected HH:MM between 00:00 and 24:00`);
  }
  return minutes;
}
