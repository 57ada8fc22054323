// services/sla, loaded on first use. The rollup reads (`govmail metrics`, the dashboard's figures) need no
// calendar, and loading sla's index (holiday tables, the clock, its mails) is a large part of a CLI run; only
// the full recompute, the catch-up and the backlog's age need calendars, and they ask for them here.
import type { Db } from '../../db/index.js';
import type { WorkCalendar } from '../sla/index.js';

export type Sla = typeof import('../sla/index.js');
/** The two calendar functions the metrics' pure code calls; passed in, so that code imports nothing from sla. */
export type CalendarDays = Pick<Sla, 'officePeriodsOn' | 'isWorkingDay'>;

let loading: Promise<Sla> | undefined;
export const slaService = (): Promise<Sla> => (loading ??= import('../sla/index.js'));

/** calendarCache(db), loaded on the first calendar asked for. */
export function calendarsOnDemand(db: Db): (agencyId: number | null) => Promise<WorkCalendar> {
  let cache: ((agencyId: number | null) => Promise<WorkCalendar>) | undefined;
  return async (agencyId) => {
    cache ??= (await slaService()).calendarCache(db);
    return cache(agencyId);
  };
}
