/**
 * A file uploaded on the web, kept between the preview (a dry run) and the confirmed import. Choice: a DB row
 * (upload_runs), not a temp file, because web and worker may be different processes or machines (DESIGN §5).
 * The file is parsed once, when it arrives (off the web thread, import/parse-thread.ts), and the run keeps the
 * parsed table, not the file: previews and the import read the table, so a file is never parsed twice and a
 * file that cannot be read is refused at the upload. The table is sealed with SECRET_KEY (secret-box) and
 * erased when the import ends or the run expires (UPLOAD_RUN_TTL_MS), so a roster full of personal data does
 * not linger. A run is reached by its random token AND its owner: another user's token answers "not found". Confirming is a conditional UPDATE
 * (previewed → queued), so a double click or two tabs queue one import.
 */
import { randomBytes } from 'node:crypto';
import { Op } from 'sequelize';
import type { Db } from '../../db/index.js';
import { execWrite } from '../../db/index.js';
import type { Row } from '../../db/models/define.js';
import type { UploadRunAttrs } from '../../db/models/upload-runs.js';
import { openSecret, sealSecret } from '../crypto/index.js';
import { TableReadError, type Table, parseTableOffThread, unpackTable } from '../import/index.js';
import { ProvisioningError } from '../provisioning/index.js';

export const UPLOAD_RUN_TTL_MS = 60 * 60_000; // an hour between preview and confirm; then upload again
// A province roster is well under 1 MB; 5 MB stays below MariaDB's default max_allowed_packet once sealed.
export const WEB_UPLOAD_MAX_BYTES = 5 * 1024 * 1024;

export type UploadRun = Row<UploadRunAttrs>;

export interface NewUploadRun {
  kind: UploadRunAttrs['kind'];
  userId: number;
  actor: string;
  fileName: string | null;
  bytes: Uint8Array;
  secretKey: string;
  now?: Date;
}

/** Parses the file and keeps its table; a file that cannot be read is refused (422) and nothing is kept. */
export async function createUploadRun(db: Db, input: NewUploadRun): Promise<UploadRun> {
  let packed;
  try {
    packed = await parseTableOffThread(input.bytes, input.fileName ?? '');
  } catch (e) {
    if (e instanceof TableReadError) throw new ProvisioningError(`table.${e.id}`, e.message, 'file', 422, e.params);
    throw e;
  }
  const now = input.now ?? new Date();
  await purgeExpiredUploads(db, now);
  return db.models.UploadRun.create({
    token: randomBytes(24).toString('base64url'), kind: input.kind, user_id: input.userId, actor: input.actor,
    file_name: input.fileName?.slice(0, 255) ?? null, content: sealSecret(packed.toString('base64'), input.secretKey),
    options: null, status: 'previewed', phase: null, done: 0, total: 0, result: null, error: null, batch_id: null,
    expires_at: new Date(now.getTime() + UPLOAD_RUN_TTL_MS),
  });
}

/** The caller's own run; anything else (absent, another user's, another kind) is "not found". */
export async function findUploadRun(db: Db, token: string, userId: number, kind: UploadRunAttrs['kind']): Promise<UploadRun> {
  const run = await db.models.UploadRun.findOne({ where: { token, user_id: userId, kind } });
  if (!run) throw new ProvisioningError('upload.not_found', 'this upload does not exist or has expired; upload the file again', 'token', 404);
  return run;
}

/** The run the import job should work on: null when it has expired or is already finished (a retried job). */
export async function pendingUploadRun(db: Db, runId: number): Promise<UploadRun | null> {
  const run = await db.models.UploadRun.findByPk(runId);
  return run && (run.status === 'queued' || run.status === 'running') ? run : null;
}

/** The table parsed at the upload. A run stored by an older version (the raw file) counts as gone. */
export function uploadTable(run: UploadRunAttrs, secretKey: string): Table {
  const gone = () => new ProvisioningError('upload.gone', 'the uploaded file was already imported or has expired; upload it again', 'token', 410);
  if (!run.content) throw gone();
  const packed = Buffer.from(openSecret(run.content, secretKey), 'base64');
  try {
    return unpackTable(packed);
  } catch {
    throw gone();
  }
}

/**
 * previewed → queued, once; false when it was already confirmed or has expired. The caller (confirmRosterUpload)
 * enqueues the job in the same transaction.
 */
export async function queueUploadRun(db: Db, run: UploadRun, options: Record<string, unknown>, now = new Date()): Promise<boolean> {
  const won = await execWrite(
    db.sequelize,
    `UPDATE upload_runs SET status = 'queued', options = :options, updated_at = :now
      WHERE id = :id AND status = 'previewed' AND content IS NOT NULL AND expires_at > :now`,
    { id: run.id, options: JSON.stringify(options), now },
  );
  return won === 1;
}

export async function recordUploadProgress(db: Db, id: number, p: { phase: string; done: number; total: number }): Promise<void> {
  await db.models.UploadRun.update({ status: 'running', phase: p.phase, done: p.done, total: p.total }, { where: { id } });
}

/** `keepUntil`: how long the run page must live (the credential download of its batch); never shortens. */
export async function finishUploadRun(db: Db, id: number, result: unknown, batchId: number | null, keepUntil?: Date): Promise<void> {
  const run = await db.models.UploadRun.findByPk(id);
  const expires = keepUntil && run && keepUntil > new Date(run.expires_at) ? { expires_at: keepUntil } : {};
  await db.models.UploadRun.update(
    { status: 'done', phase: 'done', result: JSON.stringify(result), batch_id: batchId, content: null, ...expires },
    { where: { id } },
  );
}

export async function failUploadRun(db: Db, id: number, message: string): Promise<void> {
  await db.models.UploadRun.update({ status: 'failed', error: message.slice(0, 2000), content: null }, { where: { id } });
}

/** Deletes expired runs that are not being imported; finished runs keep only counts until then. */
export async function purgeExpiredUploads(db: Db, now = new Date()): Promise<number> {
  return db.models.UploadRun.destroy({ where: { expires_at: { [Op.lt]: now }, status: { [Op.notIn]: ['queued', 'running'] } } });
}

export interface RunCredentials {
  count: number;
  /** still there to take: not taken yet and not past credentials_expires_at (credentials-store.ts) */
  available: boolean;
  takenAt: Date | null;
}

/** The initial passwords the run's import made, if any: how many, and whether they can still be taken. */
export async function runCredentials(db: Db, run: Pick<UploadRunAttrs, 'batch_id'>, now = new Date()): Promise<RunCredentials | null> {
  const batch = run.batch_id ? await db.models.ImportBatch.findByPk(run.batch_id) : null;
  if (!batch || batch.credentials_count <= 0) return null;
  const expires = batch.credentials_expires_at ? new Date(batch.credentials_expires_at) : null;
  return { count: batch.credentials_count, available: batch.credentials_blob !== null && !!expires && expires > now, takenAt: batch.credentials_taken_at };
}
