import { expect } from 'chai';
import { parseRosterTable, type RosterAgency } from '../../../server/services/provisioning/roster-file.js';
import type { Table } from '../../../server/services/import/table-reader.js';

const AGENCIES = new Map<string, RosterAgency>([
  ['STC', { id: 1, code: 'STC', name: 'Sở Tài chính', mailDomain: 'stc.hoabinh.gov.vn' }],
  ['NODOM', { id: 2, code: 'NODOM', name: 'Không miền', mailDomain: null }],
]);
const HEADERS = ['employee_code', 'full_name', 'agency_code', 'position', 'personal_email', 'status'];

function table(rows: Record<string, string>[], headers = HEADERS): Table {
  return { headers, headerRow: 1, issues: [], rows: rows.map((values, i) => ({ row: i + 2, values })) };
}
const ok = { employee_code: 'nv1', full_name: '  Nguyễn   Văn An ', agency_code: 'stc', position: 'Chuyên viên', personal_email: '', status: '' };

describe('parseRosterTable', () => {
  it('issue 15 item 3: takes the status in Vietnamese, with or without tone marks, and names an unknown one by id', () => {
    const r = parseRosterTable(table([
      { ...ok, employee_code: 'A1', status: 'Nghỉ việc' }, { ...ok, employee_code: 'A2', status: 'nghi phep' },
      { ...ok, employee_code: 'A3', status: 'Đang làm việc' }, { ...ok, employee_code: 'A4', status: 'về hưu' },
    ]), AGENCIES);
    expect(r.rows.map((x) => x.status)).to.deep.equal(['left', 'on_leave', 'active']);
    expect(r.errors).to.deep.equal([{ row: 5, field: 'status', message: 'unknown status "về hưu"; expected one of active, on_leave, left',
      id: 'roster.status_unknown', params: { value: 'về hưu' } }]);
  });

  it('refuses a row naming an ended agency, on agency_code, with the day and the i18n id', () => {
    const ended = new Map(AGENCIES).set('SNV', { id: 3, code: 'SNV', name: 'Sở Nội vụ', mailDomain: 'snv.hoabinh.gov.vn', endedOn: '2025-07-01' });
    const r = parseRosterTable(table([{ ...ok, agency_code: 'snv' }, { ...ok, employee_code: 'NV2' }]), ended);
    expect(r.errors).to.deep.equal([{ row: 2, field: 'agency_code', message: 'agency "SNV" ended on 2025-07-01: it takes no roster rows',
      id: 'agency.ended', params: { agency: 'SNV', ended: '2025-07-01' } }]);
    expect(r.rows.map((x) => x.employeeCode)).to.deep.equal(['NV2']);
  });

  it('issue 13 item 11, FUZZ_SEED=1311: refuses a row with a value under no header instead of listing it as an error and importing it', () => {
    // Found by the roster fuzz: with skipInvalid, "Lê, Văn" unquoted (cells shifted, one value past the last
    // column) was reported as an error and written anyway.
    const issue = { row: 3, field: 'column_7', message: 'value in a column that has no header' };
    const r = parseRosterTable({ ...table([ok, { ...ok, employee_code: 'NV2' }]), issues: [issue] }, AGENCIES);
    expect(r.errors).to.deep.equal([issue]);
    expect(r.rows.map((x) => x.row)).to.deep.equal([2]);
  });

  it('normalises a valid row: upper-case codes, NFC single-spaced name, default status active', () => {
    const r = parseRosterTable(table([ok]), AGENCIES);
    expect(r.errors).to.deep.equal([]);
    expect(r.rows[0]).to.deep.equal({ row: 2, employeeCode: 'NV1', fullName: 'Nguyễn Văn An', agencyCode: 'STC', position: 'Chuyên viên', personalEmail: null, status: 'active' });
  });

  it('names the row and field of every problem', () => {
    const r = parseRosterTable(table([
      ok,
      { ...ok, employee_code: 'NV1' },
      { ...ok, employee_code: 'NV3', full_name: '' },
      { ...ok, employee_code: 'NV4', agency_code: 'XYZ' },
      { ...ok, employee_code: 'NV5', agency_code: 'NODOM' },
      { ...ok, employee_code: 'NV6', personal_email: 'a@@b' },
      { ...ok, employee_code: 'NV7', status: 'nghỉ' },
      { ...ok, employee_code: 'NV8', full_name: '???' },
    ]), AGENCIES);
    expect(r.errors.map((e) => [e.row, e.field])).to.deep.equal([
      [3, 'employee_code'], [4, 'full_name'], [5, 'agency_code'], [6, 'agency_code'], [7, 'personal_email'], [8, 'status'], [9, 'full_name'],
    ]);
    expect(r.errors[0]!.message).to.equal('employee_code "NV1" is already used on row 2');
    expect(r.rows).to.have.length(1);
  });

  it('reports a missing required column once, against the header row', () => {
    const r = parseRosterTable(table([ok], ['employee_code', 'full_name', 'agency_code']), AGENCIES);
    expect(r.errors).to.deep.equal([{ row: 1, field: 'position', message: 'missing required column "position"', id: 'table.missing_column', params: { column: 'position' } }]);
  });

  it('accepts NFD input and status spelled "On leave"', () => {
    const r = parseRosterTable(table([{ ...ok, full_name: 'Đặng Thị Ánh Nguyệt'.normalize('NFD'), status: 'On leave' }]), AGENCIES);
    expect(r.rows[0]).to.include({ fullName: 'Đặng Thị Ánh Nguyệt', status: 'on_leave' });
  });
});
