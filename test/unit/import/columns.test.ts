import { expect } from 'chai';
import { validateColumns } from '../../../server/services/import/columns.js';
import { normaliseHeader } from '../../../server/services/import/table-rows.js';

describe('normaliseHeader', () => {
  it('trims, lower-cases, joins whitespace with underscores and composes to NFC', () => {
    expect(normaliseHeader('  Agency  Code ')).to.equal('agency_code');
    expect(normaliseHeader('\uFEFFcode')).to.equal('code');
    expect(normaliseHeader('Mã Cơ Quan'.normalize('NFD'))).to.equal('mã_cơ_quan');
  });
});

describe('validateColumns', () => {
  it('returns nothing when required columns are present and the rest are optional', () => {
    expect(validateColumns(['code', 'name', 'note'], ['code', 'name'], ['note'])).to.deep.equal([]);
  });

  it('names each missing required column and each unknown column at the header row', () => {
    expect(validateColumns(['code', 'nmae'], ['code', 'name'], ['note'], 3)).to.deep.equal([
      { row: 3, field: 'name', message: 'missing required column "name"', id: 'table.missing_column', params: { column: 'name' } },
      { row: 3, field: 'nmae', message: 'unknown column "nmae"; expected code, name, note', id: 'table.unknown_column',
        params: { column: 'nmae', expected: '"code", "name", "note"' } },
    ]);
  });
});
