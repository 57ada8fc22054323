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

// HR writes the status in Vietnamese ("nghỉ việc" was refused as unknown, issue 15 item 3), with or without tone
// marks; the English codes of the CLI contract stay valid. Keys are lower-case with `_` for spaces.
const STATUS_WORDS: Readonly<Record<string, StaffStatus>> = {
  active: 'active', on_leave: 'on_leave', left: 'left',
  đang_làm_việc: 'active', đang_làm: 'active', dang_lam_viec: 'active', dang_lam: 'active',
  nghỉ_phép: 'on_leave', tạm_nghỉ: 'on_leave', nghi_phep: 'on_leave', tam_nghi: 'on_leave',
  nghỉ_việc: 'left', đã_nghỉ_việc: 'left', đã_nghỉ: 'left', nghi_viec: 'left', da_nghi_viec: 'left', da_nghi: 'left',
};

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
    // Each problem carries a stable id and its values: the web shows `hr.err.<id>` in the reader's language.
    const fail = (field: string, message: string, id: string, params: Record<string, string | number> = {}): void =>
      void rowErrors.push({ row, field, message, id, params });
    // Codes compare case-insensitively: HR files mix "nv001" and "NV001" for one person.
    const employeeCode = (values.employee_code ?? '').toUpperCase();
    const fullName = normalizeName(values.full_name ?? '');
    const agencyCode = (values.agency_code ?? '').toUpperCase();
    const position = normalizeName(values.position ?? '');
    const personalEmail = (values.personal_email ?? '').toLowerCase();
    const statusRaw = (values.status ?? '').normalize('NFC').trim().toLowerCase().replace(/[\s-]+/g, '_');

    if (employeeCode === '') fail('employee_code', 'employee_code is empty', 'roster.code_empty');
    else if (!EMPLOYEE_CODE_RE.test(employeeCode)) {
      fail('employee_code', `employee_code "${employeeCode}" must be 1–64 ASCII letters, digits, . _ / -`, 'roster.code_invalid', { value: employeeCode });
    } else {
      const first = firstRowOfCode.get(employeeCode);
      if (first !== undefined) fail('employee_code', `employee_code "${employeeCode}" is already used on row ${first}`, 'table.repeated', { value: employeeCode, first });
      else firstRowOfCode.set(employeeCode, row);
    }

    if (fullName === '') fail('full_name', 'full_name is empty', 'roster.name_empty');
    else if (fullName.length > TEXT_MAX_CHARS) fail('full_name', `full_name is longer than ${TEXT_MAX_CHARS} characters`, 'roster.name_too_long', { limit: TEXT_MAX_CHARS });
    else {
      try {
        build(fullName);
      } catch {
        fail('full_name', `full_name "${fullName}" has no Latin letters to make an address from`, 'roster.name_no_latin', { value: fullName });
      }
    }

    const agency = agencies.get(agencyCode);
    if (agencyCode === '') fail('agency_code', 'agency_code is empty', 'roster.agency_empty');
    else if (!agency) fail('agency_code', `unknown agency "${agencyCode}"`, 'roster.agency_unknown', { value: agencyCode });
    else if (!agency.mailDomain) fail('agency_code', `agency "${agencyCode}" has no mail domain`, 'roster.agency_no_domain', { value: agencyCode });
    else if (agency.endedOn) {
      fail('agency_code', `agency "${agencyCode}" ended on ${agency.endedOn}: it takes no roster rows`, 'agency.ended', { agency: agencyCode, ended: agency.endedOn });
    }

    if (position.length > TEXT_MAX_CHARS) fail('position', `position is longer than ${TEXT_MAX_CHARS} characters`, 'roster.position_too_long', { limit: TEXT_MAX_CHARS });
    if (personalEmail !== '') {
      const problem = emailAddressProblem(personalEmail);
      if (problem) fail('personal_email', `personal_email ${problem.message}`, problem.id, problem.params);
    }
    const status = statusRaw === '' ? 'active' : STATUS_WORDS[statusRaw];
    if (status === undefined) {
      fail('status', `unknown status "${values.status}"; expected one of ${STAFF_STATUSES.join(', ')}`, 'roster.status_unknown', { value: values.status ?? '' });
    }

    if (rowErrors.length > 0 || rowsWithIssues.has(row)) errors.push(...rowErrors);
    else {
      rows.push({
        row, employeeCode, fullName, agencyCode, position: position || null,
        personalEmail: personalEmail || null, status: status!,
      });
    }
  }
  errors.sort((a, b) => a.row - b.row);
  return { rows, errors };
}
