// What the roster run page and its progress endpoint show: status, one percentage, the import's counts and
// errors, and whether the initial passwords can still be downloaded (they go once; see credentials-store.ts).
import type { Db } from '../../db/index.js';
import type { UploadRun } from '../../services/uploads/index.js';
import { importPercent } from './import-progress.js';
import { issueTexts } from './problem-text.js';
import type { Locale } from '../../i18n/index.js';

export interface RunView {
  status: string;
  phase: string | null;
  done: number;
  total: number;
  percent: number;
  finished: boolean;
  error: string | null;
  result: { created: number; updated: number; unchanged: number; disabled: number; written: boolean; missing: string[]; errors: { row: number; field: string; message: string; id?: string; params?: Record<string, string | number> }[] } | null;
  credentials: { count: number; available: boolean; takenAt: Date | null } | null;
}

/** With a locale, the import's row problems read in it (the service's ids through the catalogue). */
export async function runView(db: Db, run: UploadRun, locale?: Locale, now = new Date()): Promise<RunView> {
  const result = run.result ? (JSON.parse(run.result) as NonNullable<RunView['result']>) : null;
  if (result && locale) result.errors = issueTexts(locale, result.errors);
  const batch = run.batch_id ? await db.models.ImportBatch.findByPk(run.batch_id) : null;
  const expires = batch?.credentials_expires_at ? new Date(batch.credentials_expires_at) : null;
  return {
    status: run.status, phase: run.phase, done: run.done, total: run.total, percent: importPercent(run),
    finished: run.status === 'done' || run.status === 'failed', error: run.error,
    result,
    credentials: batch && batch.credentials_count > 0
      ? { count: batch.credentials_count, available: batch.credentials_blob !== null && !!expires && expires > now, takenAt: batch.credentials_taken_at }
      : null,
  };
}
