/**
 * The web's roster import, in two steps over one upload_runs row: preview (a dry run of importRoster) and the
 * confirmed import (queued here, run by the job in jobs/upload-import.ts, reporting progress into the row). The uploader is
 * the actor (upload-actor.ts); importRoster itself refuses the rows outside their scope (roster-privilege.ts),
 * and "missing" people are only their own agency's.
 */
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import { importRoster, type ImportProgress, type RosterImportResult } from '../provisioning/index.js';
import { enqueue } from '../queue/index.js';
import { uploadActor } from './upload-actor.js';
import { queueUploadRun, uploadTable, type UploadRun } from './upload-runs.js';

/** The job that runs a confirmed roster import (jobs/upload-import.ts). */
export const UPLOAD_IMPORT_JOB = 'upload.import';

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

/** Marks the upload confirmed and enqueues its import, atomically; false when it was confirmed before. */
export async function confirmRosterUpload(db: Db, run: UploadRun, options: RosterRunOptions): Promise<boolean> {
  return inTransaction(db.sequelize, async () => {
    if (!(await queueUploadRun(db, run, { ...options }))) return false;
    // One attempt: a failed import is shown on the page, and HR decides whether to upload again.
    await enqueue(db, UPLOAD_IMPORT_JOB, { runId: run.id }, { uniqueKey: `upload:${run.id}`, maxAttempts: 1 });
    return true;
  });
}
