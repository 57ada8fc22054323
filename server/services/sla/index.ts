// The legal clock: work calendars, deadlines, and reminder ladders. Everything here is pure.
export type { DayOverride, HolidayDay, OfficePeriod, Period, PeriodUnit, Season, WeekHours, WorkCalendar } from './types.js';
export { DEFAULT_WEEK, createCalendar, isWorkingDay, mondayToFriday, officeHours, officePeriodsOn, weekHoursOn } from './calendar.js';
export type { CalendarOptions } from './calendar.js';
export { holidaysFor, libraryPublicDays } from './holidays.js';
export { LEGAL_EXTRA_DAYS } from './legal-extra-days.js';
export type { LegalExtraRule } from './legal-extra-days.js';
export { DEFAULT_OVERRIDES } from './default-overrides.js';
export { VN_UTC_OFFSET_MINUTES, toLocalIso } from './local-time.js';
export { addOfficeMinutes, nextOpening, officeIntervals } from './office-time.js';
export type { OfficeInterval } from './office-time.js';
export { addPeriod, workingMinutesBetween } from './deadline.js';
export { formatPeriod, parsePeriod } from './period.js';
export { DEFAULT_LADDER, elapsedShare, ladderInstants } from './reminder-ladder.js';
export type { LadderFiring, LadderStep } from './reminder-ladder.js';
