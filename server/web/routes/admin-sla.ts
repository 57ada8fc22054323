// /admin/sla: the class × priority grid of SLA targets (first response and resolution, in working hours,
// working days or calendar days). One form saves the grid; only changed cells are written and audited, and
// new tickets use them (running clocks keep their deadlines). Province-wide admins only.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { requireLogin, requireProvinceWide, requireRole } from '../middleware/auth.js';
import { t } from '../../i18n/index.js';
import { policyGrid, savePolicyGrid, PolicyInputError } from '../../services/sla/index.js';
import { parsePolicyGrid, type ParsedGrid } from '../forms/policy-form.js';
import { policyGridView } from '../presenters/sla-admin-presenter.js';

const gridBody = z.record(z.string(), z.unknown());
const savedQuery = z.object({ saved: z.coerce.number().int().min(0).optional().catch(undefined) });

export function adminSlaRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const router = Router();
  const guard = [requireLogin, requireRole('admin'), requireProvinceWide];

  const render = async (req: Request, res: Response, submitted?: ParsedGrid, extra: Record<string, unknown> = {}, status = 200) => {
    res.status(status).render('pages/admin/sla', { title: t(req.locale, 'sla_admin.title'), ...policyGridView(await policyGrid(db), req.locale, submitted), ...extra });
  };

  router.get('/admin/sla', ...guard, async (req, res) => {
    const { saved } = savedQuery.parse(req.query);
    await render(req, res, undefined, saved === undefined ? {} : { flash: { kind: 'ok', text: t(req.locale, 'sla_admin.saved', { n: saved }) } });
  });

  router.post('/admin/sla', ...guard, async (req, res) => {
    const body = gridBody.safeParse(req.body);
    const parsed = parsePolicyGrid(body.success ? body.data : {}, await policyGrid(db));
    const invalid = () => render(req, res, parsed, { flash: { kind: 'error', text: t(req.locale, 'sla_admin.invalid') } }, 422);
    if (parsed.invalid.size > 0) return invalid();
    try {
      const changed = await savePolicyGrid(db, parsed.cells, req.auth!.user.username);
      res.redirect(303, `/admin/sla?saved=${changed}`);
    } catch (e) {
      if (!(e instanceof PolicyInputError)) throw e;
      return invalid();
    }
  });

  return router;
}
