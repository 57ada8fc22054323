// Shapes shared by the SLA clock. Plain data, so they can be stored (calendars, holidays, policies
// tables) and rebuilt with createCalendar().

/** An office period on one day, in minutes past local midnight; start inclusive, end exclusive. */
export interface OfficePeriod {
  readonly start: number;
  readonly end: number;
}

/** Office periods per weekday, index 0 = Sunday … 6 = Saturday. An empty list is a day off. */
export type WeekHours = readonly (readonly OfficePeriod[])[];

/**
 * A dated schedule (e.g. summer 04-16..10-15) that replaces the default week hours inside its range.
 * `from`/`to` are 'MM-DD', inclusive; from > to wraps over the new year (winter 10-16..04-15).
 */
export interface Season {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly week: WeekHours;
}

/**
 * An admin or government decision about one local date. 'off' adds a day off (second 2/9 day, a
 * substitute or bridge day); 'work' makes the date a working day (a swapped working Saturday, or a
 * computed holiday the yearly decision moved elsewhere). `hours` defaults to the normal weekday hours.
 */
export interface DayOverride {
  readonly date: string;
  readonly kind: 'off' | 'work';
  readonly reason: string;
  readonly hours?: readonly OfficePeriod[];
}

/** One day off in a year, with where it comes from. */
export interface HolidayDay {
  readonly date: string;
  readonly name: string;
  /** 'date-holidays' | an id from LEGAL_EXTRA_DAYS | 'override' */
  readonly source: string;
}

export interface WorkCalendar {
  /** Only Asia/Ho_Chi_Minh is supported: a fixed UTC+7 offset, which the arithmetic relies on. */
  readonly timeZone: 'Asia/Ho_Chi_Minh';
  readonly utcOffsetMinutes: number;
  readonly week: WeekHours;
  readonly seasons: readonly Season[];
  /** Overrides by ISO date; a 'work' entry beats any holiday. */
  readonly overrides: ReadonlyMap<string, DayOverride>;
  /** ISO dates that are days off in `year` (memoised by createCalendar). */
  readonly holidaysOf: (year: number) => ReadonlySet<string>;
}

export type PeriodUnit = 'working_hours' | 'working_days' | 'calendar_days';

/** An SLA target: `amount` > 0; whole numbers for the day units. */
export interface Period {
  readonly amount: number;
  readonly unit: PeriodUnit;
}
