// /hr/coverage: per agency, staff, active mailboxes, % covered, never logged in, suspended, as a table and a
// server-drawn SVG bar chart. Province-wide users see every agency; an agency's users only their own.
import { Router } from 'express';
import type { AppDeps } from '../app.js';
import { requireLogin, requireRole } from '../middleware/auth.js';
import { t } from '../../i18n/index.js';
import { actorOf } from '../../services/auth/index.js';
import { coverageInScope } from '../../services/provisioning/index.js';
import { coverageChart } from '../presenters/coverage-chart.js';

export function hrCoverageRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const router = Router();
  router.get('/hr/coverage', requireLogin, requireRole('hr', 'admin', 'leader'), async (req, res) => {
    const { coverage: data, scopeName } = await coverageInScope(db, actorOf(req.auth!.user));
    res.render('pages/hr/coverage', {
      title: t(req.locale, 'hr.coverage.title'), data, chart: coverageChart(data.agencies, req.locale), scopeName,
    });
  });
  return router;
}
