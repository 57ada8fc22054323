// The POST that receives one uploaded file (views/static/upload.js) for an import with a preview: it keeps the
// file as an upload run of its owner and answers where the preview is. Shared by the roster and org imports.
import type { RequestHandler } from 'express';
import type { AppDeps } from '../app.js';
import { rawUpload } from '../middleware/raw-upload.js';
import { createUploadRun, WEB_UPLOAD_MAX_BYTES } from '../../services/uploads/upload-runs.js';
import type { UploadRunAttrs } from '../../db/models/upload-runs.js';

export function uploadEndpoint(deps: AppDeps, kind: UploadRunAttrs['kind'], previewPrefix: string): RequestHandler[] {
  const store: RequestHandler = async (req, res) => {
    const user = req.auth!.user;
    const run = await createUploadRun(deps.db, {
      kind, userId: user.id, actor: user.username, fileName: req.upload!.fileName, bytes: req.upload!.bytes, secretKey: deps.secretKey,
    });
    res.status(201).json({ next: `${previewPrefix}/${run.token}` });
  };
  return [...rawUpload(WEB_UPLOAD_MAX_BYTES), store];
}
