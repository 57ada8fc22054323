// The admin's org-chart import on the web: the same upload_runs row for preview and confirm. Org files hold
// tens to hundreds of agencies, so the confirmed import runs in the request, not as a job. The uploader is the
// actor (upload-actor.ts): importOrg refuses anyone but a province-wide admin.
import type { Db } from '../../db/index.js';
import { ProvisioningError, importOrg, type OrgImportResult } from '../provisioning/index.js';
import { finishUploadRun, queueUploadRun, uploadTable, type UploadRun } from './upload-runs.js';
import { uploadActor } from './upload-actor.js';

export async function previewOrgUpload(db: Db, upload: UploadRun, secretKey: string): Promise<OrgImportResult> {
  return importOrg(db, uploadTable(upload, secretKey), { actor: await uploadActor(db, upload), dryRun: true, fileName: upload.file_name ?? undefined });
}

/** Imports once (a second confirm of the same upload is refused) and erases the file. */
export async function importOrgUpload(db: Db, upload: UploadRun, secretKey: string): Promise<OrgImportResult> {
  const table = uploadTable(upload, secretKey);
  const actor = await uploadActor(db, upload);
  if (!(await queueUploadRun(db, upload, {}))) throw new ProvisioningError('upload.gone', 'this upload was already imported or has expired', 'token', 410);
  const result = await importOrg(db, table, { actor, fileName: upload.file_name ?? undefined });
  await finishUploadRun(db, upload.id, result, null);
  return result;
}
