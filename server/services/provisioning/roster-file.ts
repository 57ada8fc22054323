/**
 * A staff roster (CSV/XLSX: employee_code, full_name, agency_code, position[, personal_email][, status]) →
 * valid rows plus every problem, each naming its row and field. Pure: the caller passes the agencies that
 * exist. Errors found: unknown agency (or one without a mail domain), a code repeated in the file, an empty
 * name or one that yields no address, a bad e-mail, an unknown status.
 */
import { type Table, type TableIssue, validateColumns } from '../import/index.js';
import { emailAddressProblem } from '../org/index.js';
import { compileAddressPattern, DEFAULT_ADDRESS_PATTERN } from './address-pattern.js';
import { normalizeName } from './vietnamese-name.js';

export const ROSTER_REQUIRED_COLUMNS = ['employee_code', 'full_name', 'agency_code', 'position'] as const;
export const ROSTER_OPTIONAL_COLUMNS = ['personal_email', 'status'] as const;

export const STAFF_STATUSES = ['active', 'on_leave', 'left'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

const EMPLOYEE_CODE_RE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
const TEXT_MAX_CHARS = 255;

export type RosterError = TableIssue;

export interface RosterAgency {
  id: number;
  code: string;
  name: string;
  mailDomain: string | null;
  /** the day (YYYY-MM-DD) the agency ended, when it has ended (agency-open.ts): it takes no roster rows */
  endedOn?: string | null;
}

export interface RosterRow {
  row: number;
  employeeCode: string;
  fullName: string;
  agencyCode: string;
  position: string | null;
  personalEmail: string | null;
  status: StaffStatus;
}

export interface RosterParseResult {
  rows: RosterRow[];
  errors: RosterError[];
}

export function parseRosterTable(
  table: Table,
  agencies: ReadonlyMap<string, RosterAgency>,
  pattern: string = DEFAULT_ADDRESS_PATTERN,
): RosterParseResult {
  const columnErrors = validateColumns(table.headers, ROSTER_REQUIRED_COLUMNS, ROSTER_OPTIONAL_COLUMNS, table.headerRow || 1);
  if (columnErrors.length > 0) return { rows: [], errors: [...table.issues, ...columnErrors] };
  const build = compileAddressPattern(pattern);
  const errors: RosterError[] = [...table.issues];
  const rows: RosterRow[] = [];
  const firstRowOfCode = new Map<string, number>();
  // A shape problem on a data row (a value under no header: usually an unquoted comma that shifted the cells)
  // refuses that row; it is already among the errors, and skipInvalid would otherwise import the row as read.
  const rowsWithIssues = new Set(table.issues.map((issue) => issue.row));

  for (const { row, values } of table.rows) {
    const rowErrors: RosterError[] = [];
    const fail = (field: string, message: string): void => void rowErrors.push({ row, field, message });
    // Codes compare case-insensitively: HR files mix "nv001" and "NV001" for one person.
    const employeeCode = (values.employee_code ?? '').toUpperCase();
    const fullName = normalizeName(values.full_name ?? '');
    const agencyCode = (values.agency_code ?? '').toUpperCase();
    const position = normalizeName(values.position ?? '');
    const personalEmail = (values.personal_email ?? '').toLowerCase();
    const statusRaw = (values.status ?? '').toLowerCase().replace(/[\s-]+/g, '_');

    if (employeeCode === '') fail('employee_code', 'employee_code is empty');
    else if (!EMPLOYEE_CODE_RE.test(employeeCode)) {
      fail('employee_code', `employee_code "${employeeCode}" must be 1–64 ASCII letters, digits, . _ / -`);
    } else {
      const first = firstRowOfCode.get(employeeCode);
      if (first !== undefined) fail('employee_code', `employee_code "${employeeCode}" is already used on row ${first}`);
      else firstRowOfCode.set(employeeCode, row);
    }

    if (fullName === '') fail('full_name', 'full_name is empty');
    else if (fullName.length > TEXT_MAX_CHARS) fail('full_name', `full_name is longer than ${TEXT_MAX_CHARS} characters`);
    else {
      try {
        build(fullName);
      } catch {
        fail('full_name', `full_name "${fullName}" has no Latin letters to make an address from`);
      }
    }

    const agency = agencies.get(agencyCode);
    if (agencyCode === '') fail('agency_code', 'agency_code is empty');
    else if (!agency) fail('agency_code', `unknown agency "${agencyCode}"`);
    else if (!agency.mailDomain) fail('agency_code', `agency "${agencyCode}" has no mail domain`);
    else if (agency.endedOn) {
      rowErrors.push({ row, field: 'agency_code', message: `agency "${agencyCode}" ended on ${agency.endedOn}: it takes no roster rows`,
        id: 'agency.ended', params: { agency: agencyCode, ended: agency.endedOn } });
    }

    if (position.length > TEXT_MAX_CHARS) fail('position', `position is longer than ${TEXT_MAX_CHARS} characters`);
    if (personalEmail !== '') {
      const problem = emailAddressProblem(personalEmail);
      if (problem) fail('personal_email', `personal_email ${problem}`);
    }
    const status = statusRaw === '' ? 'active' : statusRaw;
    if (!(STAFF_STATUSES as readonly string[]).includes(status)) {
      fail('status', `unknown status "${values.status}"; expected one of ${STAFF_STATUSES.join(', ')}`);
    }

    if (rowErrors.length > 0 || rowsWithIssues.has(row)) errors.push(...rowErrors);
    else {
      rows.push({
        row, employeeCode, fullName, agencyCode, position: position || null,
        personalEmail: personalEmail || null, status: status as StaffStatus,
      });
    }
  }
  errors.sort((a, b) => a.row - b.row);
  return { rows, errors };
}
