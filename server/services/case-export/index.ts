// The case export (issue 14 item 7): a zip of a ticket's mail as .eml, a PDF transcript, its events and audit trail.
export { exportCase } from './export-case.js';
export type { CaseExport, CaseExportFile } from './export-case.js';
export type { ExportActor } from './case-record.js';
