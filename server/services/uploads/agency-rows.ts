// An agency HR officer imports only the staff of their own agency. importRoster's scopeAgencyIds only limits
// who counts as "missing", so rows naming another agency are turned into row+field errors here, before the
// roster service sees the table. Pure.
import type { Table, TableIssue } from '../import/table-reader.js';

export function restrictRowsToAgency(table: Table, agencyCode: string): { table: Table; errors: TableIssue[] } {
  const own = agencyCode.trim().toUpperCase();
  const errors: TableIssue[] = [];
  const rows = table.rows.filter(({ row, values }) => {
    const code = (values.agency_code ?? '').trim().toUpperCase();
    // An empty code stays in: the roster validation names that error itself.
    if (code === '' || code === own) return true;
    errors.push({ row, field: 'agency_code', message: `agency "${code}" is outside your scope (${own})` });
    return false;
  });
  return { table: { ...table, rows }, errors };
}
