// Login, logout and the password change (forced after a one-time password).
import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import {
  login, createSession, destroySession, changeOwnPassword, PasswordChangeError, PasswordPolicyError, UserInputError,
} from '../../services/auth/index.js';
import { audit } from '../../services/audit/index.js';
import { SESSION_COOKIE } from '../middleware/session.js';
import { requireLogin } from '../middleware/auth.js';
import { oncePerWindow } from '../middleware/rate-limit-audit.js';
import { t } from '../../i18n/index.js';
import { safeNext } from '../safe-next.js';
import { cookieOptions } from '../cookies.js';
import { idText } from '../presenters/problem-text.js';

const loginBody = z.object({ username: z.string().trim().max(190), password: z.string().max(512), next: z.string().optional() });
const passwordBody = z.object({ current: z.string().default(''), password: z.string().default(''), confirm: z.string().default('') });

export function authRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const router = Router();
  const firstRefusal = oncePerWindow();
  const loginLimiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: deps.loginRateLimit ?? 20,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // Only failures count (a sign-in answers 303; a failure 401/422): an office behind one NAT address signing in
    // every morning must not lock itself out, while guessing stays limited.
    skipSuccessfulRequests: true,
    handler: (req, res, next) => {
      (firstRefusal(req) ? audit(db, { actor: 'anonymous', action: 'auth.rate_limited', details: { ip: req.ip } }) : Promise.resolve())
        .then(() => res.status(429).render('pages/login', { title: t(req.locale, 'login.title'), error: t(req.locale, 'login.rate_limited') }))
        .catch(next);
    },
  });

  router.get('/login', (req, res) => {
    if (req.auth) return res.redirect(303, '/');
    res.render('pages/login', { title: t(req.locale, 'login.title'), next: req.query.next });
  });

  router.post('/login', loginLimiter, async (req, res) => {
    const body = loginBody.parse(req.body);
    const errors: Record<string, string> = {};
    if (!body.username) errors.username = t(req.locale, 'login.required', { field: t(req.locale, 'login.username').toLowerCase() });
    if (!body.password) errors.password = t(req.locale, 'login.required', { field: t(req.locale, 'login.password').toLowerCase() });
    const rerender = (status: number, error?: string) =>
      res.status(status).render('pages/login', { title: t(req.locale, 'login.title'), username: body.username, next: body.next, errors, error });
    if (Object.keys(errors).length) return rerender(422);
    const result = await login(db, body.username, body.password, { ip: req.ip });
    // A locked account answers like a wrong password (same text, same status): telling them apart would confirm
    // the account exists and that the guessing worked. The lock is in the audit log and on the admin's user list.
    if (!result.ok) return rerender(401, t(req.locale, result.reason === 'inactive' ? 'login.inactive' : 'login.invalid'));
    const { token } = await createSession(db, result.userId, { ip: req.ip, userAgent: req.get('user-agent') }, deps.sessionLifetime);
    res.cookie(SESSION_COOKIE, token, cookieOptions(req, deps.secureCookies));
    res.redirect(303, result.mustChangePassword ? '/account/password' : safeNext(body.next));
  });

  router.post('/logout', async (req, res) => {
    if (req.auth) {
      await destroySession(db, req.auth.token);
      await audit(db, { actor: req.auth.user.username, action: 'auth.logout' });
    }
    res.clearCookie(SESSION_COOKIE, cookieOptions(req, deps.secureCookies));
    res.status(200).render('pages/login', { title: t(req.locale, 'login.title'), flash: { kind: 'ok', text: t(req.locale, 'logout.done') } });
  });

  router.get('/account/password', requireLogin, (req, res) => {
    res.render('pages/password', { title: t(req.locale, 'password.title'), mustChange: req.auth!.user.must_change_password });
  });

  router.post('/account/password', requireLogin, async (req, res) => {
    const { current, password, confirm } = passwordBody.parse(req.body ?? {});
    const errors: Record<string, string> = {};
    if (!current) errors.current = t(req.locale, 'login.required', { field: t(req.locale, 'password.current').toLowerCase() });
    else if (password !== confirm) errors.confirm = t(req.locale, 'password.mismatch');
    else {
      try {
        await changeOwnPassword(db, { userId: req.auth!.user.id, currentPassword: current, newPassword: password, keepSessionToken: req.auth!.token });
        return res.redirect(303, '/?changed=1');
      } catch (e) {
        if (e instanceof PasswordChangeError) errors[e.field] = t(req.locale, e.messageId);
        else if (e instanceof UserInputError || e instanceof PasswordPolicyError) errors.password = idText(req.locale, e);
        else throw e;
      }
    }
    res.status(422).render('pages/password', { title: t(req.locale, 'password.title'), errors, mustChange: req.auth!.user.must_change_password });
  });

  return router;
}
