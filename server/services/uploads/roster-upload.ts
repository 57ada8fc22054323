/**
 * The web's roster import, in two steps over one upload_runs row: preview (a dry run of importRoster) and the
 * confirmed import (run by the job in jobs/upload-import.ts, reporting progress into the row). The uploader is
 * the actor (upload-actor.ts); importRoster itself refuses the rows outside their scope (roster-privilege.ts),
 * and "missing" people are only their own agency's.
 */
import type { Db } from '../../db/index.js';
import { importRoster, type ImportProgress, type RosterImportResult } from '../provisioning/index.js';
import { uploadActor } from './upload-actor.js';
import { uploadTable, type UploadRun } from './upload-runs.js';

export interface RosterRunOptions {
  skipInvalid: boolean;
  disableMissing: boolean;
}

async function run(
  db: Db, upload: UploadRun,
  opts: { secretKey: string; dryRun: boolean; skipInvalid?: boolean; disableMissing?: boolean; onProgress?: ImportProgress },
): Promise<RosterImportResult> {
  return importRoster(db, uploadTable(upload, opts.secretKey), {
    actor: await uploadActor(db, upload), secretKey: opts.secretKey, fileName: upload.file_name ?? undefined, dryRun: opts.dryRun,
    skipInvalid: opts.skipInvalid, disableMissing: opts.disableMissing, onProgress: opts.onProgress,
  });
}

/** The dry run shown before HR confirms. */
export async function previewRosterUpload(db: Db, upload: UploadRun, opts: { secretKey: string }): Promise<RosterImportResult> {
  return run(db, upload, { secretKey: opts.secretKey, dryRun: true });
}

/** The confirmed import (in the worker). */
export async function importRosterUpload(
  db: Db, upload: UploadRun, opts: { secretKey: string; run: RosterRunOptions; onProgress?: ImportProgress },
): Promise<RosterImportResult> {
  return run(db, upload, {
    secretKey: opts.secretKey, dryRun: false, skipInvalid: opts.run.skipInvalid, disableMissing: opts.run.disableMissing, onProgress: opts.onProgress,
  });
}
