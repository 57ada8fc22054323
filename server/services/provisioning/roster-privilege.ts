/**
 * What a roster row may change, for the actor importing it (issue 11, flaw 1). Pure: the import loads who the
 * file's people are now. A row is an error naming the row and the field when
 * - its agency_code is outside the actor's scope;
 * - it would move an existing person between agencies and the actor does not hold both (or is not
 *   province-wide): an HR officer cannot take another agency's employee by writing their code under their own
 *   agency. The message does not say which agency the person belongs to;
 * - it would move or mark as leaving a person whose account outranks the actor (auth/privilege.ts `reaches`).
 * Such rows are errors like any other: they block the import unless skipInvalid, and are never written.
 */
import { holdsAgency, reaches, type Principal } from '../auth/index.js';
import type { RosterAgency, RosterError, RosterRow } from './roster-file.js';

/** A person the file names who exists already. */
export interface KnownPerson {
  agencyId: number;
  left: boolean;
  /** their linked web account's role and scope; null when they have none */
  account: Principal | null;
}

export function rosterPrivilegeErrors(
  rows: readonly RosterRow[], agencies: ReadonlyMap<string, RosterAgency>, known: ReadonlyMap<string, KnownPerson>, actor: Principal,
): RosterError[] {
  const errors: RosterError[] = [];
  for (const r of rows) {
    const agency = agencies.get(r.agencyCode)!;
    if (!holdsAgency(actor, agency.id)) {
      errors.push({ row: r.row, field: 'agency_code', id: 'roster.agency_out_of_scope', params: { agency: agency.code },
        message: `agency "${agency.code}" is outside your scope` });
      continue;
    }
    const person = known.get(r.employeeCode);
    if (!person) continue;
    const moves = person.agencyId !== agency.id;
    if (moves && !holdsAgency(actor, person.agencyId)) {
      errors.push({ row: r.row, field: 'agency_code', id: 'roster.move_out_of_scope', params: { code: r.employeeCode },
        message: `employee ${r.employeeCode} belongs to another agency; moving a person between agencies needs both agencies in your scope, or a province-wide role` });
      continue;
    }
    const leaves = !person.left && r.status === 'left';
    if ((moves || leaves) && person.account && !reaches(actor, person.account)) {
      errors.push({ row: r.row, field: 'employee_code', id: 'roster.person_out_of_reach', params: { code: r.employeeCode },
        message: `employee ${r.employeeCode} has an account with a higher role or a wider scope than yours` });
    }
  }
  return errors;
}
