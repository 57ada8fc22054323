// An ended agency (its valid_to has passed) takes no new roster rows, tickets or mailboxes: the org chart changes
// with time (mergers, the 2025 reorganisation), and work filed under an agency that no longer exists is lost work.
import type { AgencyAttrs } from '../../db/models/foundation.js';
import { invalid } from './errors.js';

/** The agency still exists at `now`. */
export const agencyOpenAt = (agency: Pick<AgencyAttrs, 'valid_to'>, now: Date): boolean =>
  agency.valid_to === null || agency.valid_to === undefined || new Date(agency.valid_to).getTime() > now.getTime();

/** Agencies keep Vietnamese days: "ends on 2026-07-01" is 00:00 of that day in Hà Nội time. */
const AGENCY_TZ = 'Asia/Ho_Chi_Minh';

/** The day the agency ends (its first day without it), as written in errors and lists: YYYY-MM-DD in Hà Nội time. */
export const endedOn = (agency: Pick<AgencyAttrs, 'valid_to'>): string | null =>
  agency.valid_to ? new Date(agency.valid_to).toLocaleDateString('sv-SE', { timeZone: AGENCY_TZ }) : null;

/** The instant an agency ending on `day` (YYYY-MM-DD) stops: 00:00 of that day in Hà Nội (UTC+7, no DST). */
export const endOfAgencyAt = (day: string): Date => new Date(`${day}T00:00:00+07:00`);

export function assertAgencyOpen(agency: Pick<AgencyAttrs, 'code' | 'valid_to'>, now: Date, field = 'agency'): void {
  if (agencyOpenAt(agency, now)) return;
  const ended = endedOn(agency)!;
  throw invalid('agency.ended', `agency ${agency.code} ended on ${ended}`, field, { agency: agency.code, ended });
}
