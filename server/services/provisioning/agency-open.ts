// An ended agency (its valid_to has passed) takes no new roster rows, tickets or mailboxes: the org chart changes
// with time (mergers, the 2025 reorganisation), and work filed under an agency that no longer exists is lost work.
import type { AgencyAttrs } from '../../db/models/foundation.js';
import { invalid } from './errors.js';

/** The agency still exists at `now`. */
export const agencyOpenAt = (agency: Pick<AgencyAttrs, 'valid_to'>, now: Date): boolean =>
  agency.valid_to === null || agency.valid_to === undefined || new Date(agency.valid_to).getTime() > now.getTime();

export function assertAgencyOpen(agency: Pick<AgencyAttrs, 'code' | 'valid_to'>, now: Date, field = 'agency'): void {
  if (agencyOpenAt(agency, now)) return;
  const ended = new Date(agency.valid_to!).toISOString().slice(0, 10);
  throw invalid('agency.ended', `agency ${agency.code} ended on ${ended}`, field, { agency: agency.code, ended });
}
