// The report period and the week buckets, on the province's local dates (UTC+7, as in services/sla), never
// the machine's time zone.
import { VN_UTC_OFFSET_MINUTES } from '../time/index.js';

const DAY_MS = 86_400_000;
const OFFSET_MS = VN_UTC_OFFSET_MINUTES * 60_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class PeriodError extends Error {}

/**
 * A period bound from the CLI or a form. A plain date 'YYYY-MM-DD' is a local day: as `from` it starts at
 * local midnight; as `to` it includes the whole day (the bound is the next local midnight, exclusive).
 * Anything else must be an ISO instant and is taken as is.
 */
export function parseBound(text: string, side: 'from' | 'to'): Date {
  if (ISO_DATE.test(text)) {
    const midnight = Date.parse(`${text}T00:00:00Z`) - OFFSET_MS;
    if (Number.isNaN(midnight) || new Date(midnight + OFFSET_MS).toISOString().slice(0, 10) !== text) {
      throw new PeriodError(`"${text}" is not a calendar date`);
    }
    return new Date(side === 'from' ? midnight : midnight + DAY_MS);
  }
  const instant = new Date(text);
  if (Number.isNaN(instant.getTime())) throw new PeriodError(`"${text}" is not a date (YYYY-MM-DD) or an ISO date-time`);
  return instant;
}

/** The local date (YYYY-MM-DD) of an instant. */
export function localDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The Monday (local date) of the week an instant falls in: the key of the weekly trend. */
export function weekStart(instant: Date): string {
  const local = new Date(instant.getTime() + OFFSET_MS);
  const daysSinceMonday = (local.getUTCDay() + 6) % 7;
  return new Date(local.getTime() - daysSinceMonday * DAY_MS).toISOString().slice(0, 10);
}

/** The local date `n` days after `day` (YYYY-MM-DD; n may be negative). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Every week start from `first` to `last` inclusive (both Mondays), so a chart shows quiet weeks as zero. */
export function weeksBetween(first: string, last: string, maxWeeks = 260): string[] {
  const weeks: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`) && weeks.length < maxWeeks; t += 7 * DAY_MS) {
    weeks.push(new Date(t).toISOString().slice(0, 10));
  }
  return weeks;
}
