// What the roster run page and its progress endpoint show: status, one percentage, the import's counts and
// errors, and whether the initial passwords can still be downloaded (they go once; see credentials-store.ts).
import type { RunCredentials, UploadRun } from '../../services/uploads/index.js';
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
  credentials: RunCredentials | null;
}

/** With a locale, the import's row problems read in it (the service's ids through the catalogue). The
 *  credentials come from uploads' runCredentials (null: none, or not asked for). */
export function runView(run: UploadRun, credentials: RunCredentials | null, locale?: Locale): RunView {
  const result = run.result ? (JSON.parse(run.result) as NonNullable<RunView['result']>) : null;
  if (result && locale) result.errors = issueTexts(locale, result.errors);
  return {
    status: run.status, phase: run.phase, done: run.done, total: run.total, percent: importPercent(run),
    finished: run.status === 'done' || run.status === 'failed', error: run.error,
    result,
    credentials,
  };
}
