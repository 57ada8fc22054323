// The POST that receives one uploaded file (views/static/upload.js) for an import with a preview: the file is
// read there and then (off the event loop) and kept as an upload run of its owner, and the answer says where the
// preview is; a file that cannot be read is refused with the reason, shown under the form. Shared by the roster
// and org imports.
import type { RequestHandler } from 'express';
import type { AppDeps } from '../app.js';
import { rawUpload } from '../middleware/raw-upload.js';
import { createUploadRun, WEB_UPLOAD_MAX_BYTES } from '../../services/uploads/index.js';
import type { UploadRunAttrs } from '../../db/models/upload-runs.js';
import { ProvisioningError } from '../../services/provisioning/index.js';
import { asPageProblem } from '../presenters/problem-text.js';

export function uploadEndpoint(deps: AppDeps, kind: UploadRunAttrs['kind'], previewPrefix: string): RequestHandler[] {
  const store: RequestHandler = async (req, res) => {
    const user = req.auth!.user;
    try {
      const run = await createUploadRun(deps.db, {
        kind, userId: user.id, actor: user.username, fileName: req.upload!.fileName, bytes: req.upload!.bytes, secretKey: deps.secretKey,
      });
      res.status(201).json({ next: `${previewPrefix}/${run.token}` });
    } catch (e) {
      const problem = asPageProblem(req.locale, e);
      res.status(problem.status).json({ error: { id: `hr.err.${(e as ProvisioningError).id}`, status: problem.status, message: problem.text } });
    }
  };
  return [...rawUpload(WEB_UPLOAD_MAX_BYTES), store];
}
