// /account/mailbox ("Hộp thư của tôi"): the signed-in person's own official mailbox, through their account's
// link. Every role may open it (a staff account sees only this and the home page); the password change it
// offers is /account/password, which also changes the password Dovecot reads.
import { Router } from 'express';
import type { AppDeps } from '../app.js';
import { requireLogin } from '../middleware/auth.js';
import { t } from '../../i18n/index.js';
import { ownMailbox } from '../../services/provisioning/index.js';
import { ownMailboxView } from '../presenters/own-mailbox-page.js';

export function ownMailboxRoutes({ db }: AppDeps): Router {
  const router = Router();
  router.get('/account/mailbox', requireLogin, async (req, res) => {
    const box = await ownMailbox(db, req.auth!.user);
    res.render('pages/account/mailbox', { title: t(req.locale, 'mine.title'), box: box && ownMailboxView(box, req.locale) });
  });
  return router;
}
