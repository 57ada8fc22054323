// The legal clock: work calendars, deadlines and periods, each ticket's clock (pauses, extensions), the policy
// grid, and the tick that sends reminders and escalations.
export { addCalendarOverride, calendarYear, MAX_YEAR, MIN_YEAR, removeCalendarOverride } from './calendar-admin.js';
export type { CalendarAdd, CalendarClash, CalendarYear } from './calendar-admin.js';
export { calendarCache, CalendarInputError, loadCalendar, loadCalendars, setOverride } from './calendar-store.js';
export { createCalendar, isWorkingDay, officePeriodsOn } from './calendar.js';
export {
  ClockError, getClock, newClock, recordFirstResponse, recordResolution, requireClock, ticketEvent,
} from './clock-store.js';
export { addPeriod } from './deadline.js';
export { officeMinutesBetween, workingDaysAfter } from './office-time.js';
export { extensionOptions } from './extension-rules.js';
export { extendDenunciation, markComplaintComplex } from './extension.js';
export { PAUSE_REASONS, pauseClock, resumeClock } from './pause.js';
export { parsePeriod } from './period.js';
export { deadlinesUnder, reclassifyClock } from './reclassify.js';
export { policyGrid, savePolicyGrid } from './policy-admin.js';
export type { PolicyCell } from './policy-admin.js';
export { policyFor, PolicyInputError } from './policy-store.js';
export type { SlaPolicy } from './policy-store.js';
export { localText, renderSlaMail } from './sla-mail.js';
export { slaTick } from './tick.js';
export type { OfficePeriod, PeriodUnit, WorkCalendar } from './types.js';
