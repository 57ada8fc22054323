// /admin/agencies: the agency list and the org-chart import (CSV/XLSX, same upload as the roster: preview,
// then confirm). Province-wide admins only: an agency's admin could otherwise rewrite every agency and add
// domains Postfix treats as local (the services refuse them too). The import is small, so the confirm runs in
// the request.
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { requireLogin, requireProvinceWide, requireRole } from '../middleware/auth.js';
import { uploadEndpoint } from './upload-endpoint.js';
import { t } from '../../i18n/index.js';
import {
  findUploadRun, WEB_UPLOAD_MAX_BYTES, importOrgUpload, previewOrgUpload,
} from '../../services/uploads/index.js';
import { ORG_FILE_OPTIONAL_COLUMNS, ORG_FILE_REQUIRED_COLUMNS } from '../../services/org/index.js';
import { asPageProblem, issueTexts } from '../presenters/problem-text.js';
import { listAgencies } from '../../services/provisioning/index.js';
import { parseParams } from '../presenters/validate.js';

const tokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/) });

export function adminAgencyRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const router = Router();
  const guard = [requireLogin, requireRole('admin'), requireProvinceWide];
  const runOf = (req: Request) => findUploadRun(db, parseParams(tokenParam, req.params).token, req.auth!.user.id, 'org')
    .catch((e: unknown) => Promise.reject(asPageProblem(req.locale, e)));

  const renderList = async (req: Request, extra: Record<string, unknown> = {}) => {
    return {
      title: t(req.locale, 'hr.agencies.title'), maxMb: WEB_UPLOAD_MAX_BYTES / 1024 / 1024,
      required: ORG_FILE_REQUIRED_COLUMNS, optional: ORG_FILE_OPTIONAL_COLUMNS,
      // The kind as the reader says it ("Sở, ban, ngành"), never the stored code (issue 15 item 3).
      agencies: (await listAgencies(db)).map((a) => ({ ...a, kindLabel: t(req.locale, `agency.kind.${a.kind}`) })), ...extra,
    };
  };

  router.get('/admin/agencies', ...guard, async (req, res) => {
    const done = req.query.imported === '1' ? { flash: { kind: 'ok', text: t(req.locale, 'hr.agencies.imported') } } : {};
    res.render('pages/admin/agencies', await renderList(req, done));
  });

  router.post('/admin/agencies/upload', ...guard, ...uploadEndpoint(deps, 'org', '/admin/agencies/uploads'));

  router.get('/admin/agencies/uploads/:token', ...guard, async (req, res) => {
    const run = await runOf(req);
    try {
      const preview = await previewOrgUpload(db, run, deps.secretKey);
      res.render('pages/admin/agencies-preview', { title: t(req.locale, 'hr.agencies.title'), token: run.token, fileName: run.file_name, preview: { ...preview, errors: issueTexts(req.locale, preview.errors) }, hasErrors: preview.errors.length > 0 });
    } catch (e) {
      const p = asPageProblem(req.locale, e);
      res.status(p.status).render('pages/admin/agencies', await renderList(req, { flash: { kind: 'error', text: p.text } }));
    }
  });

  router.post('/admin/agencies/uploads/:token/confirm', ...guard, async (req, res) => {
    const run = await runOf(req);
    try {
      const result = await importOrgUpload(db, run, deps.secretKey);
      if (result.errors.length) {
        return res.status(422).render('pages/admin/agencies-preview', { title: t(req.locale, 'hr.agencies.title'), token: run.token, fileName: run.file_name, preview: { ...result, errors: issueTexts(req.locale, result.errors) }, hasErrors: true });
      }
      res.redirect(303, '/admin/agencies?imported=1');
    } catch (e) {
      const p = asPageProblem(req.locale, e);
      res.status(p.status).render('pages/admin/agencies', await renderList(req, { flash: { kind: 'error', text: p.text } }));
    }
  });

  return router;
}
