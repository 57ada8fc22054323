// One rule for where a running legal clock stands, shared by the queue (its badges, and its filter, which applies
// the rule in SQL as a deadline edge) and the ticket page's SLA panel, so both say the same of the same ticket.
import { addPeriod, officeMinutesBetween, workingDaysAfter, type WorkCalendar } from '../sla/index.js';

export type RunningState = 'on_time' | 'at_risk' | 'overdue';

/** Where "at risk" ends: a running clock is at risk when its deadline falls within the next working day, this
 *  edge included (a working-day deadline falls exactly at close of office, as the edge does). */
export const riskEdge = (now: Date, cal: WorkCalendar): Date => addPeriod(now, { amount: 1, unit: 'working_days' }, cal);

export function runningState(due: Date, now: Date, cal: WorkCalendar): RunningState {
  return due < now ? 'overdue' : due <= riskEdge(now, cal) ? 'at_risk' : 'on_time';
}

/** The time to a deadline (negative once past) in office minutes, and in whole working days as the law counts
 *  them: the days after today up to the deadline's day, or, once late, the days after the deadline's up to today.
 *  `late` says which: after a 17:00 deadline, in the evening or over a weekend, no office minute has passed yet
 *  (minutes is 0) but the deadline is behind. */
export interface TimeLeft { minutes: number; days: number; late: boolean }

export function timeLeft(counted: Date, due: Date, cal: WorkCalendar): TimeLeft {
  const late = due < counted;
  const minutes = Math.round(officeMinutesBetween(counted, due, cal)) || 0; // never -0
  return { minutes, days: late ? workingDaysAfter(due, counted, cal) : workingDaysAfter(counted, due, cal), late };
}
