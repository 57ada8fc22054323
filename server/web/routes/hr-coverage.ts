// /hr/coverage: per agency, staff, active mailboxes, % covered, never logged in, suspended, as a table and a
// server-drawn SVG bar chart. Province-wide users see every agency; an agency's users only their own.
import { Router } from 'express';
import type { AppDeps } from '../app.js';
import { requireLogin, requireRole } from '../middleware/auth.js';
import { t } from '../../i18n/index.js';
import { coverage } from '../../services/provisioning/index.js';
import { coverageChart } from '../presenters/coverage-chart.js';

export function hrCoverageRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const router = Router();
  router.get('/hr/coverage', requireLogin, requireRole('hr', 'admin', 'leader'), async (req, res) => {
    const agencyId = req.auth!.user.agency_id;
    const own = agencyId === null ? null : await db.models.Agency.findByPk(agencyId);
    // A scoped user whose agency row is gone sees nothing rather than everything.
    const data = agencyId !== null && !own ? { agencies: [], total: { staff: 0, active_mailboxes: 0, covered_pct: 0, never_logged_in: 0, suspended: 0 } }
      : await coverage(db, own ? { agencyCode: own.code } : {});
    res.render('pages/hr/coverage', {
      title: t(req.locale, 'hr.coverage.title'), data, chart: coverageChart(data.agencies, req.locale), scopeName: own?.name ?? null,
    });
  });
  return router;
}
