import { Router } from 'express';
import type { AppDeps } from '../app.js';
import { requireLogin, agencyScope } from '../middleware/auth.js';
import { t } from '../../i18n/index.js';

export function homeRoutes({ db }: AppDeps): Router {
  const router = Router();
  router.get('/', requireLogin, async (req, res) => {
    const flash = req.query.changed ? { kind: 'ok', text: t(req.locale, 'password.changed') } : undefined;
    // A staff account works nowhere but its own mailbox page: no agency figures.
    if (req.auth!.user.role === 'staff') return res.render('pages/home', { title: t(req.locale, 'home.title'), staffHome: true, flash });
    const scope = agencyScope(req);
    const where = scope ? { agency_id: scope } : {};
    const [agencies, mailboxes, jobsQueued, agency] = await Promise.all([
      scope ? scope.length : db.models.Agency.count(),
      db.models.Mailbox.count({ where }),
      db.models.Job.count({ where: { status: 'queued' } }),
      scope ? db.models.Agency.findByPk(scope[0]) : null,
    ]);
    res.render('pages/home', {
      title: t(req.locale, 'home.title'),
      agencyName: agency?.name,
      stats: { agencies, mailboxes, jobsQueued },
      flash,
    });
  });
  return router;
}
