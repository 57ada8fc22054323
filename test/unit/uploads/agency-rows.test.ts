import { expect } from 'chai';
import { restrictRowsToAgency } from '../../../server/services/uploads/agency-rows.js';
import type { Table } from '../../../server/services/import/table-reader.js';

const table = (codes: string[]): Table => ({
  headers: ['employee_code', 'agency_code'], headerRow: 1, issues: [],
  rows: codes.map((c, i) => ({ row: i + 2, values: { employee_code: `E${i}`, agency_code: c } })),
});

describe('restricting a roster to the officer\'s agency', () => {
  it('keeps own rows (any case), turns other agencies into row+field errors, leaves empty codes to validation', () => {
    const r = restrictRowsToAgency(table(['SNV', 'snv ', 'STC', '']), 'SNV');
    expect(r.table.rows.map((x) => x.row)).to.deep.equal([2, 3, 5]);
    expect(r.errors).to.deep.equal([{ row: 4, field: 'agency_code', message: 'agency "STC" is outside your scope (SNV)' }]);
  });
});
