// Citizen case lookup (/tra-cuu): public, no login. POST (so the code stays out of URLs and proxy logs), with
// the pre-session CSRF token and a per-IP rate limit: an 8-digit code cannot be guessed 20 tries at a time.
// An unknown ref and a wrong code give the same answer, so the page cannot be used to list case refs.
import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { t } from '../../i18n/index.js';
import { audit } from '../../services/audit/index.js';
import { lookupCase } from '../../services/tickets/index.js';
import { statusLabel } from '../presenters/ticket-presenter.js';
import { oncePerWindow } from '../middleware/rate-limit-audit.js';

export const LOOKUP_WINDOW_MS = 15 * 60_000;
export const LOOKUP_LIMIT_PER_WINDOW = 20;

const lookupBody = z.object({ ref: z.string().max(64).default(''), code: z.string().max(64).default('') });
// The receipt links to /tra-cuu?ref=…: the ref is filled in, the code never travels in a URL (the citizen types it).
const lookupQuery = z.object({ ref: z.string().max(64).regex(/^[A-Za-z0-9-]*$/).default('') });

export function lookupRoutes({ db }: AppDeps, opts: { limit?: number } = {}): Router {
  const router = Router();
  const title = (locale: 'vi' | 'en') => t(locale, 'lookup.title');
  const firstRefusal = oncePerWindow();
  const limiter = rateLimit({
    windowMs: LOOKUP_WINDOW_MS, limit: opts.limit ?? LOOKUP_LIMIT_PER_WINDOW, standardHeaders: 'draft-7', legacyHeaders: false,
    handler: (req, res, next) => {
      (firstRefusal(req) ? audit(db, { actor: 'anonymous', action: 'lookup.rate_limited', details: { ip: req.ip } }) : Promise.resolve())
        .then(() => res.status(429).render('pages/lookup', { title: title(req.locale), error: t(req.locale, 'lookup.rate_limited') }))
        .catch(next);
    },
  });

  router.get('/tra-cuu', (req, res) => {
    const query = lookupQuery.safeParse(req.query);
    res.render('pages/lookup', { title: title(req.locale), ref: query.success ? query.data.ref.toUpperCase() : '' });
  });

  router.post('/tra-cuu', limiter, async (req, res) => {
    const body = lookupBody.safeParse(req.body);
    const found = body.success ? await lookupCase(db, body.data.ref, body.data.code) : null;
    if (!found) {
      return res.status(404).render('pages/lookup', { title: title(req.locale), ref: body.success ? body.data.ref : '', error: t(req.locale, 'lookup.not_found') });
    }
    res.render('pages/lookup', { title: title(req.locale), ref: found.ref, result: { ...found, statusLabel: statusLabel(req.locale, found.status) } });
  });

  return router;
}
