// Wall-clock arithmetic in a fixed UTC offset (Vietnam: UTC+7, no DST): local days, minutes past local midnight,
// and local ISO text. Pure; shared by the legal clock (sla), metrics, receipts (outbox) and the edges.
export {
  DAY_MS, dayToIsoDate, instantAt, isoDateToDay, localDay, localMinute, MINUTE_MS, MINUTES_PER_DAY, monthDayOf,
  parseClock, toLocalIso, VN_UTC_OFFSET_MINUTES, weekdayOf, yearOf,
} from './local-time.js';
export type { DayNumber } from './local-time.js';
