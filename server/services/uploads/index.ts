// Files HR and admins upload on the web: previews, queued import runs and their progress.
export { importOrgUpload, previewOrgUpload } from './org-upload.js';
export { confirmRosterUpload, importRosterUpload, previewRosterUpload, UPLOAD_IMPORT_JOB } from './roster-upload.js';
export type { RosterRunOptions } from './roster-upload.js';
export {
  createUploadRun, failUploadRun, findUploadRun, finishUploadRun, pendingUploadRun, recordUploadProgress, runCredentials, WEB_UPLOAD_MAX_BYTES,
} from './upload-runs.js';
export type { RunCredentials, UploadRun } from './upload-runs.js';
export { importsInFlight } from './in-flight.js';
export type { InFlightImport } from './in-flight.js';
