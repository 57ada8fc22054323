// Column checks shared by every import (org chart, staff roster): a missing or misspelt header is reported
// once, against the header row, instead of as one error per data row.

import type { TableIssue } from './table-rows.js';

/**
 * Problems with a file's header: each required column that is missing, and each column that is neither
 * required nor optional (an unknown column is usually a typo that would otherwise drop data silently).
 * Names are compared after normalisation, so pass them as `normaliseHeader` would produce them.
 */
export function validateColumns(
  headers: readonly string[],
  required: readonly string[],
  optional: readonly string[] = [],
  headerRow = 1,
): TableIssue[] {
  const known = [...required, ...optional];
  const issues: TableIssue[] = [];
  for (const column of required) {
    if (!headers.includes(column)) {
      issues.push({ row: headerRow, field: column, message: `missing required column "${column}"`, id: 'table.missing_column', params: { column } });
    }
  }
  for (const header of headers) {
    if (!known.includes(header)) {
      issues.push({
        row: headerRow, field: header, message: `unknown column "${header}"; expected ${known.join(', ')}`,
        id: 'table.unknown_column', params: { column: header, expected: known.map((name) => `"${name}"`).join(', ') },
      });
    }
  }
  return issues;
}
