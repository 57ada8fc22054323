// Reading HR's tabular files (CSV, XLSX) into one Table shape, on the main thread or off it.
export { validateColumns } from './columns.js';
export { parseTableOffThread } from './parse-thread.js';
export { unpackTable } from './table-codec.js';
export { TableReadError } from './table-limits.js';
export { readTable } from './table-reader.js';
export type { Table, TableIssue } from './table-rows.js';
