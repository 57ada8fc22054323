// What the roster run page and its progress endpoint show: status, one percentage, the import's counts and
// errors, and whether the initial passwords can still be downloaded (they go once; see credentials-store.ts).
import type { Db } from '../../db/index.js';
import type { UploadRun } from '../../services/uploads/upload-runs.js';
import { importPercent } from './import-progress.js';

export interface RunView {
  status: string;
  phase: string | null;
  done: number;
  total: number;
  percent: number;
  finished: boolean;
  error: string | null;
  result: { created: number; updated: number; unchanged: number; disabled: number; written: boolean; missing: string[]; errors: { row: number; field: string; message: string }[] } | null;
  credentials: { count: number; available: boolean; takenAt: Date | null } | null;
}

export async function runView(db: Db, run: UploadRun, now = new Date()): Promise<RunView> {
  const batch = run.batch_id ? await db.models.ImportBatch.findByPk(run.batch_id) : null;
  const expires = batch?.credentials_expires_at ? new Date(batch.credentials_expires_at) : null;
  return {
    status: run.status, phase: run.phase, done: run.done, total: run.total, percent: importPercent(run),
    finished: run.status === 'done' || run.status === 'failed', error: run.error,
    result: run.result ? JSON.parse(run.result) : null,
    credentials: batch && batch.credentials_count > 0
      ? { count: batch.credentials_count, available: batch.credentials_blob !== null && !!expires && expires > now, takenAt: batch.credentials_taken_at }
      : null,
  };
}
