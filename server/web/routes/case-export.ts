// GET /tickets/:ref/export.zip: the whole case as a zip (services/case-export), streamed, for whoever may read the
// ticket (a ticket of another agency is a 404, as on its page). The service audits who exported.
import { Router } from 'express';
import type { AppDeps } from '../app.js';
import { requireLogin, requireRole } from '../middleware/auth.js';
import { Forbidden, NotFound } from '../errors.js';
import { exportCase } from '../../services/case-export/index.js';
import { TICKET_READ_ROLES, TicketForbiddenError, TicketNotFoundError } from '../../services/tickets/index.js';

export function caseExportRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/tickets/:ref/export.zip', requireLogin, requireRole(...TICKET_READ_ROLES), async (req, res) => {
    const ref = String(req.params.ref).trim().toUpperCase();
    // Refs are [A-Z0-9-], so the name needs no quoting beyond this guard.
    if (!/^[A-Z0-9-]{1,40}$/.test(ref)) throw NotFound('ticket');
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="${ref}.zip"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      await exportCase(deps.db, { ref, actor: req.auth!.user }, res);
    } catch (e) {
      if (res.headersSent) throw e;
      res.removeHeader('Content-Disposition');
      res.removeHeader('Content-Type');
      if (e instanceof TicketNotFoundError) throw NotFound('ticket');
      if (e instanceof TicketForbiddenError) throw Forbidden(e.message);
      throw e;
    }
  });
  return router;
}
