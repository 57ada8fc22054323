import { Router } from 'express';
import type { AppDeps } from '../app.js';
import { requireLogin } from '../middleware/auth.js';
import { t } from '../../i18n/index.js';
import { actorOf } from '../../services/auth/index.js';
import { homeFigures } from '../../services/provisioning/index.js';

export function homeRoutes({ db }: AppDeps): Router {
  const router = Router();
  router.get('/', requireLogin, async (req, res) => {
    const flash = req.query.changed ? { kind: 'ok', text: t(req.locale, 'password.changed') } : undefined;
    // A staff account works nowhere but its own mailbox page: no agency figures.
    if (req.auth!.user.role === 'staff') return res.render('pages/home', { title: t(req.locale, 'home.title'), staffHome: true, flash });
    const { agencyName, ...stats } = await homeFigures(db, actorOf(req.auth!.user));
    res.render('pages/home', {
      title: t(req.locale, 'home.title'),
      agencyName: agencyName ?? undefined,
      stats,
      flash,
    });
  });
  return router;
}
