// GET /tickets/:ref/export.zip: the whole case as a zip (services/case-export), streamed, for whoever may read the
// ticket (a ticket of another agency is a 404, as on its page). The service audits who exported.
import { Router } from 'express';
import type { AppDeps } from '../app.js';
import { requireLogin, requireRole } from '../middleware/auth.js';
import { NotFound } from '../errors.js';
import { clearDownloadHeaders, setDownloadHeaders } from '../download.js';
import { ticketHttpError } from './ticket-errors.js';
import { exportCase } from '../../services/case-export/index.js';
import { TICKET_READ_ROLES } from '../../services/tickets/index.js';

export function caseExportRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/tickets/:ref/export.zip', requireLogin, requireRole(...TICKET_READ_ROLES), async (req, res) => {
    const ref = String(req.params.ref).trim().toUpperCase();
    if (!/^[A-Z0-9-]{1,40}$/.test(ref)) throw NotFound('ticket');
    setDownloadHeaders(res, 'application/zip', `${ref}.zip`);
    try {
      await exportCase(deps.db, { ref, actor: req.auth!.user }, res);
    } catch (e) {
      if (res.headersSent) throw e;
      clearDownloadHeaders(res);
      throw ticketHttpError(e);
    }
  });
  return router;
}
