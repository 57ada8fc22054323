import { expect } from 'chai';
import { rosterPrivilegeErrors, type KnownPerson } from '../../../server/services/provisioning/roster-privilege.js';
import type { RosterAgency, RosterRow } from '../../../server/services/provisioning/roster-file.js';
import type { Principal } from '../../../server/services/auth/privilege.js';

const AGENCIES = new Map<string, RosterAgency>([
  ['SNV', { id: 1, code: 'SNV', name: 'Sở Nội vụ', mailDomain: 'snv.hoabinh.gov.vn' }],
  ['STC', { id: 2, code: 'STC', name: 'Sở Tài chính', mailDomain: 'stc.hoabinh.gov.vn' }],
]);
const row = (n: number, code: string, agencyCode: string, status: RosterRow['status'] = 'active'): RosterRow =>
  ({ row: n, employeeCode: code, fullName: 'Nguyễn Văn An', agencyCode, position: null, personalEmail: null, status });
const KNOWN = new Map<string, KnownPerson>([
  ['SNV1', { agencyId: 1, left: false, account: { role: 'staff', agencyId: 1 } }],
  ['STC1', { agencyId: 2, left: false, account: { role: 'staff', agencyId: 2 } }],
  ['SNVBOSS', { agencyId: 1, left: false, account: { role: 'admin', agencyId: 1 } }],
  ['SNVPROV', { agencyId: 1, left: false, account: { role: 'leader', agencyId: null } }],
  ['SNVLEAD', { agencyId: 1, left: false, account: { role: 'leader', agencyId: 1 } }],
  ['PROVADMIN', { agencyId: 1, left: false, account: { role: 'admin', agencyId: null } }],
]);
const SNV_HR: Principal = { role: 'hr', agencyId: 1 };
const PROVINCE_HR: Principal = { role: 'hr', agencyId: null };
const errorsFor = (rows: RosterRow[], actor: Principal) => rosterPrivilegeErrors(rows, AGENCIES, KNOWN, actor).map((e) => [e.row, e.field, e.id]);

describe('roster rows an actor may import', () => {
  it("refuses rows of another agency for an agency officer, and lets their own and new people through", () => {
    expect(errorsFor([row(2, 'NEW1', 'SNV'), row(3, 'NEW2', 'STC'), row(4, 'SNV1', 'SNV')], SNV_HR)).to.deep.equal([[3, 'agency_code', 'roster.agency_out_of_scope']]);
  });

  it("refuses another agency's employee code written under the officer's own agency (flaw 1), without naming that agency", () => {
    const [e] = rosterPrivilegeErrors([row(5, 'STC1', 'SNV')], AGENCIES, KNOWN, SNV_HR);
    expect(e).to.include({ row: 5, field: 'agency_code', id: 'roster.move_out_of_scope' });
    expect(e!.params).to.deep.equal({ code: 'STC1' });
    expect(e!.message).not.to.contain('STC"').and.not.to.contain('Tài chính');
  });

  it('lets a province-wide officer move people between agencies', () => {
    expect(errorsFor([row(2, 'STC1', 'SNV'), row(3, 'SNV1', 'STC')], PROVINCE_HR)).to.deep.equal([]);
  });

  it('refuses to mark as leaving, or move, a person whose account outranks the importer', () => {
    expect(errorsFor([row(2, 'SNVBOSS', 'SNV', 'left'), row(3, 'SNVPROV', 'SNV', 'left'), row(4, 'SNVLEAD', 'SNV', 'left')], SNV_HR))
      .to.deep.equal([[2, 'employee_code', 'roster.person_out_of_reach'], [3, 'employee_code', 'roster.person_out_of_reach']]);
    expect(errorsFor([row(2, 'PROVADMIN', 'STC'), row(3, 'SNVPROV', 'STC')], PROVINCE_HR)).to.deep.equal([[2, 'employee_code', 'roster.person_out_of_reach']]);
  });

  it('lets ordinary updates of an outranking person through (name, position): nothing of their access changes', () => {
    expect(errorsFor([row(2, 'SNVBOSS', 'SNV'), row(3, 'SNVPROV', 'SNV')], SNV_HR)).to.deep.equal([]);
  });
});
