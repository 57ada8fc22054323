// The confirmed roster import from the web, as a job (confirmRosterUpload in services/uploads enqueues it): the
// worker may be another process than the web, and a 10,000-row import outlives a request. Progress goes into the upload_runs row, which the page polls.
import type { JobDeps, JobHandler } from './registry.js';
import {
  importRosterUpload, type RosterRunOptions, failUploadRun, finishUploadRun, pendingUploadRun, recordUploadProgress,
} from '../server/services/uploads/index.js';
import { type ImportPhase, CREDENTIALS_TTL_MS } from '../server/services/provisioning/index.js';

const PROGRESS_WRITE_INTERVAL_MS = 250;

export const uploadImportJob = (deps: JobDeps): JobHandler => async (payload, { db, log }) => {
  const runId = Number((payload as { runId?: unknown } | null)?.runId);
  const run = await pendingUploadRun(db, runId);
  if (!run) return;
  let lastWrite = 0;
  let lastPhase: ImportPhase | null = null;
  let writes = Promise.resolve();
  const onProgress = (p: { phase: ImportPhase; done: number; total: number }): void => {
    // The write phase runs inside the import's transaction: a progress UPDATE from there would join it (and
    // be invisible until commit) or, on SQLite, wait for its lock. The page shows "writing" after hashing.
    if (p.phase === 'write' || p.phase === 'done') return;
    const now = Date.now();
    if (p.phase === lastPhase && now - lastWrite < PROGRESS_WRITE_INTERVAL_MS && p.done < p.total) return;
    lastPhase = p.phase;
    lastWrite = now;
    writes = writes.then(() => recordUploadProgress(db, runId, p)).catch((e) => log.warn({ event: 'upload.progress.failed', runId, err: String(e) }));
  };
  try {
    const options = JSON.parse(run.options ?? '{}') as RosterRunOptions;
    const result = await importRosterUpload(db, run, { secretKey: deps.config.SECRET_KEY, run: options, onProgress });
    await writes;
    const { preview: _preview, ...summary } = result;
    // The page that offers the initial passwords lives as long as they do.
    await finishUploadRun(db, runId, summary, result.batchId, result.credentials ? new Date(Date.now() + CREDENTIALS_TTL_MS) : undefined);
    log.info({ event: 'upload.import.done', runId, created: result.created, updated: result.updated, errors: result.errors.length });
  } catch (e) {
    await writes;
    await failUploadRun(db, runId, e instanceof Error ? e.message : String(e));
    throw e;
  }
};
