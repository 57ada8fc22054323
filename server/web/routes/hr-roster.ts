// /hr/roster: upload a roster (CSV/XLSX) → preview (dry run) → confirm → the import runs as a job while the
// page polls its progress → the initial passwords, once, as PDF or XLSX. Roles hr and admin; an HR officer of
// one agency imports only that agency's rows, and moves nobody between agencies (provisioning/roster-privilege.ts).
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { requireLogin, requireRole } from '../middleware/auth.js';
import { uploadEndpoint } from './upload-endpoint.js';
import { NotFound } from '../errors.js';
import { t } from '../../i18n/index.js';
import {
  confirmRosterUpload, findUploadRun, runCredentials, WEB_UPLOAD_MAX_BYTES, previewRosterUpload,
} from '../../services/uploads/index.js';
import {
  takeCredentials, credentialsPdf, credentialsXlsx, ROSTER_OPTIONAL_COLUMNS, ROSTER_REQUIRED_COLUMNS,
} from '../../services/provisioning/index.js';
import { asPageProblem, issueTexts } from '../presenters/problem-text.js';
import { runView } from '../presenters/upload-run-view.js';
import { parseForm, parseParams } from '../presenters/validate.js';

const tokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/) });
const confirmBody = z.object({ skip_invalid: z.literal('1').optional(), disable_missing: z.literal('1').optional() });
const formatParam = z.object({ token: tokenParam.shape.token, format: z.enum(['pdf', 'xlsx']) });
const PREVIEW_ROWS_SHOWN = 200;

export function hrRosterRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const router = Router();
  const guard = [requireLogin, requireRole('hr', 'admin')];
  // Another user's upload, or an expired one, is "not found" (asPageProblem turns the service's 404 into ours).
  const runOf = (req: Request) => findUploadRun(db, parseParams(tokenParam, req.params).token, req.auth!.user.id, 'roster')
    .catch((e: unknown) => Promise.reject(asPageProblem(req.locale, e)));

  const uploadPage = (req: Request, extra: Record<string, unknown> = {}) => ({
    title: t(req.locale, 'hr.roster.title'), maxMb: WEB_UPLOAD_MAX_BYTES / 1024 / 1024,
    required: ROSTER_REQUIRED_COLUMNS, optional: ROSTER_OPTIONAL_COLUMNS, ...extra,
  });

  router.get('/hr/roster', ...guard, (req, res) => {
    res.render('pages/hr/roster', uploadPage(req));
  });

  router.post('/hr/roster/upload', ...guard, ...uploadEndpoint(deps, 'roster', '/hr/roster/uploads'));

  router.get('/hr/roster/uploads/:token', ...guard, async (req, res) => {
    const run = await runOf(req);
    const title = t(req.locale, 'hr.roster.title');
    if (run.status !== 'previewed') return res.render('pages/hr/roster-run', { title, token: run.token, fileName: run.file_name, run: runView(run, await runCredentials(db, run), req.locale) });
    try {
      const preview = await previewRosterUpload(db, run, { secretKey: deps.secretKey });
      const changes = preview.preview.filter((p) => p.action !== 'unchanged');
      res.render('pages/hr/roster-preview', {
        title, token: run.token, fileName: run.file_name, preview: { ...preview, errors: issueTexts(req.locale, preview.errors) }, rows: changes.slice(0, PREVIEW_ROWS_SHOWN),
        moreRows: Math.max(0, changes.length - PREVIEW_ROWS_SHOWN), hasErrors: preview.errors.length > 0,
      });
    } catch (e) {
      const p = asPageProblem(req.locale, e);
      res.status(p.status).render('pages/hr/roster', uploadPage(req, { flash: { kind: 'error', text: p.text } }));
    }
  });

  router.post('/hr/roster/uploads/:token/confirm', ...guard, async (req, res) => {
    const run = await runOf(req);
    const body = parseForm(confirmBody, req.body);
    const queued = await confirmRosterUpload(db, run, {
      skipInvalid: !!body.skip_invalid, disableMissing: !!body.disable_missing,
    });
    if (!queued && run.status === 'previewed') {
      return res.status(410).render('pages/hr/roster', uploadPage(req, { flash: { kind: 'error', text: t(req.locale, 'hr.err.upload.gone') } }));
    }
    // A second confirm (double click, another tab) changes nothing and lands on the same progress page.
    res.redirect(303, `/hr/roster/uploads/${run.token}`);
  });

  router.get('/hr/roster/uploads/:token/progress', ...guard, async (req, res) => {
    const run = await runOf(req);
    const view = runView(run, null);
    res.set('Cache-Control', 'no-store').json({ status: view.status, phase: view.phase, done: view.done, total: view.total, percent: view.percent, finished: view.finished });
  });

  // A POST, not a link: taking the passwords erases them, so it must not happen on a prefetch or a crawler's GET.
  router.post('/hr/roster/uploads/:token/credentials.:format', ...guard, async (req, res) => {
    const { format } = parseParams(formatParam, req.params);
    const run = await runOf(req);
    if (!run.batch_id) throw NotFound('credentials');
    let items;
    try {
      items = await takeCredentials(db, run.batch_id, { secretKey: deps.secretKey, actor: req.auth!.user.username });
    } catch (e) {
      const p = asPageProblem(req.locale, e);
      return res.status(p.status).render('pages/hr/roster-run', { title: t(req.locale, 'hr.roster.title'), token: run.token, fileName: run.file_name, run: runView(run, await runCredentials(db, run), req.locale), flash: { kind: 'error', text: p.text } });
    }
    const bytes = format === 'pdf' ? await credentialsPdf(items, { loginUrl: deps.baseUrl }) : await credentialsXlsx(items);
    res.set('Cache-Control', 'no-store');
    res.type(format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.attachment(`tai-khoan-${run.batch_id}.${format}`).send(bytes);
  });

  return router;
}
