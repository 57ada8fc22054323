// The home page per role (issue 15 item 7): an agent sees the queue and what is overdue, a leader the month's
// on-time rate, HR coverage and the imports running, an admin the inboxes not being read and the alerts. Each
// part is one service call with the actor (which checks the role); the presenter only shapes.
import { Router } from 'express';
import type { AppDeps } from '../app.js';
import { requireLogin } from '../middleware/auth.js';
import { t } from '../../i18n/index.js';
import { actorOf } from '../../services/auth/index.js';
import { coverageInScope, homeFigures } from '../../services/provisioning/index.js';
import { queueSummary } from '../../services/tickets/index.js';
import { inboxTrouble, monthOnTime } from '../../services/metrics/index.js';
import { importsInFlight } from '../../services/uploads/index.js';
import { adminAlerts } from '../../services/outbox/index.js';
import { alertTiles, coverageTiles, importList, inboxList, monthTile, overdueList, queueTiles } from '../presenters/home-page.js';

export function homeRoutes({ db }: AppDeps): Router {
  const router = Router();
  router.get('/', requireLogin, async (req, res) => {
    const flash = req.query.changed ? { kind: 'ok', text: t(req.locale, 'password.changed') } : undefined;
    const user = req.auth!.user;
    const locale = req.locale;
    // A staff account works nowhere but its own mailbox page: no agency figures.
    if (user.role === 'staff') return res.render('pages/home', { title: t(locale, 'home.title'), staffHome: true, flash });
    const actor = actorOf(user);
    const now = new Date();
    const { agencyName, ...stats } = await homeFigures(db, actor);
    const view: Record<string, unknown> = { title: t(locale, 'home.title'), agencyName: agencyName ?? undefined, flash };
    if (user.role === 'agent' || user.role === 'supervisor') {
      const queue = await queueSummary(db, user, now);
      Object.assign(view, { queueTiles: queueTiles(locale, queue), overdue: overdueList(queue), overdueMore: queue.overdueTotal > queue.overdue.length });
    }
    if (user.role === 'leader' || user.role === 'supervisor') view.month = monthTile(locale, await monthOnTime(db, actor, now));
    if (user.role === 'hr') {
      const [{ coverage }, runs] = await Promise.all([coverageInScope(db, actor), importsInFlight(db, user.id)]);
      Object.assign(view, { coverageTiles: coverageTiles(locale, coverage), imports: importList(locale, runs), showImports: true });
    }
    if (user.role === 'admin') {
      Object.assign(view, { stats, inboxes: inboxList(locale, await inboxTrouble(db, actor, now)), showInboxes: true });
      if (actor.agencyId === null) {
        const alerts = await adminAlerts(db, actor, now);
        Object.assign(view, { alertTiles: alertTiles(locale, alerts), alerts: alerts.recent, showAlerts: true });
      }
    }
    res.render('pages/home', view);
  });
  return router;
}
