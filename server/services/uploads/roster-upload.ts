/**
 * The web's roster import, in two steps over one upload_runs row: preview (a dry run of importRoster) and the
 * confirmed import (run by the job in jobs/upload-import.ts, reporting progress into the row). An HR officer
 * of one agency is limited to that agency: rows of other agencies are errors, and "missing" people are only
 * their own agency's. Out-of-scope rows block the import like any other error unless skipInvalid.
 */
import type { Db } from '../../db/index.js';
import type { Table } from '../import/table-reader.js';
import { ProvisioningError } from '../provisioning/errors.js';
import { importRoster, type ImportProgress, type RosterImportResult } from '../provisioning/roster-import.js';
import { restrictRowsToAgency } from './agency-rows.js';
import { uploadTable, type UploadRun } from './upload-runs.js';

/** null = province-wide */
export interface AgencyLimit { agencyId: number; agencyCode: string }

export interface RosterRunOptions {
  skipInvalid: boolean;
  disableMissing: boolean;
  /** the HR officer's agency when the run was confirmed */
  limit: AgencyLimit | null;
}

export async function agencyLimitFor(db: Db, agencyId: number | null): Promise<AgencyLimit | null> {
  if (agencyId === null) return null;
  const agency = await db.models.Agency.findByPk(agencyId);
  if (!agency) throw new ProvisioningError('agency.not_found', `agency ${agencyId} does not exist`, 'agency', 404);
  return { agencyId, agencyCode: agency.code };
}

async function run(
  db: Db, table: Table, fileName: string | null,
  opts: { actor: string; secretKey: string; dryRun: boolean; limit: AgencyLimit | null; skipInvalid?: boolean; disableMissing?: boolean; onProgress?: ImportProgress },
): Promise<RosterImportResult> {
  const scoped = opts.limit ? restrictRowsToAgency(table, opts.limit.agencyCode) : { table, errors: [] };
  const blocked = scoped.errors.length > 0 && !opts.skipInvalid;
  const result = await importRoster(db, scoped.table, {
    actor: opts.actor, secretKey: opts.secretKey, fileName: fileName ?? undefined, dryRun: opts.dryRun || blocked,
    skipInvalid: opts.skipInvalid, disableMissing: opts.disableMissing, onProgress: opts.onProgress,
    scopeAgencyIds: opts.limit ? [opts.limit.agencyId] : undefined,
  });
  const errors = [...scoped.errors, ...result.errors].sort((a, b) => a.row - b.row);
  return { ...result, errors, ...(blocked && !opts.dryRun ? { created: 0, updated: 0, unchanged: 0, preview: [] } : {}) };
}

/** The dry run shown before HR confirms. */
export async function previewRosterUpload(db: Db, upload: UploadRun, opts: { secretKey: string; limit: AgencyLimit | null }): Promise<RosterImportResult> {
  return run(db, uploadTable(upload, opts.secretKey), upload.file_name, { actor: upload.actor, secretKey: opts.secretKey, dryRun: true, limit: opts.limit });
}

/** The confirmed import (in the worker). */
export async function importRosterUpload(
  db: Db, upload: UploadRun, opts: { secretKey: string; run: RosterRunOptions; onProgress?: ImportProgress },
): Promise<RosterImportResult> {
  return run(db, uploadTable(upload, opts.secretKey), upload.file_name, {
    actor: upload.actor, secretKey: opts.secretKey, dryRun: false, limit: opts.run.limit,
    skipInvalid: opts.run.skipInvalid, disableMissing: opts.run.disableMissing, onProgress: opts.onProgress,
  });
}
