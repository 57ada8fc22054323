// GET /tickets/:ref/sent/:id.eml: the exact bytes a reply went out as (the legal record), as a download.
// POST /tickets/:ref/presence: the ticket page says "I still have this open" every PRESENCE_RENEW_MS
// (views/static/ticket-desk.js, CSRF in the X-CSRF-Token header) and hears who else has it open and the ticket's
// version, so it can say at once that someone changed the ticket. Outside the reader's scope: 404.
import { Router } from 'express';
import type { AppDeps } from '../app.js';
import { requireLogin, requireRole } from '../middleware/auth.js';
import { NotFound } from '../errors.js';
import { sendDownload } from '../download.js';
import { ticketHttpError } from './ticket-errors.js';
import { t } from '../../i18n/index.js';
import { markPresent, scopeOf, sentMail, TICKET_READ_ROLES } from '../../services/tickets/index.js';

export function ticketDeskRoutes(deps: AppDeps): Router {
  const router = Router();
  router.post('/tickets/:ref/presence', requireLogin, requireRole(...TICKET_READ_ROLES), async (req, res) => {
    const presence = await markPresent(deps.db, String(req.params.ref), req.auth!.user).catch((e) => { throw ticketHttpError(e); });
    const names = presence.others.map((o) => o.name).filter(Boolean);
    res.json({ version: presence.version, others: names, text: names.length ? t(req.locale, 'replies.presence.others', { names: names.join(', ') }) : '',
      changedText: t(req.locale, 'replies.presence.changed') });
  });
  router.get('/tickets/:ref/sent/:id.eml', requireLogin, requireRole(...TICKET_READ_ROLES), async (req, res) => {
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id) || id <= 0) throw NotFound('mail');
    const mail = await sentMail(deps.db, String(req.params.ref), scopeOf(req.auth!.user), id).catch((e) => { throw ticketHttpError(e, 'mail'); });
    sendDownload(res, mail.bytes, 'message/rfc822', `${mail.ref}-thu-gui-${id}.eml`);
  });
  return router;
}
