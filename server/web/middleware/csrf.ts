// CSRF protection for every state-changing request. Logged in: the session's own token (synchronizer pattern).
// Not yet logged in (the login form): a random cookie, and the form carries its HMAC under SECRET_KEY, so a
// cross-site page can neither read nor forge it.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { CsrfMismatch } from '../errors.js';
import { cookieOptions } from '../cookies.js';

const PRE_SESSION_COOKIE = 'gm_pre';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function csrf(secret: string, secureCookies: boolean): RequestHandler {
  return (req, res, next) => {
    if (req.auth) {
      req.csrfToken = req.auth.session.csrf_token;
    } else {
      let seed = req.cookies?.[PRE_SESSION_COOKIE] as string | undefined;
      if (!seed) {
        seed = randomBytes(18).toString('base64url');
        res.cookie(PRE_SESSION_COOKIE, seed, cookieOptions(req, secureCookies));
      }
      req.csrfToken = createHmac('sha256', secret).update(seed).digest('base64url');
    }
    res.locals.csrfToken = req.csrfToken;
    if (SAFE_METHODS.has(req.method)) return next();
    const sent = (req.body?._csrf as string | undefined) ?? req.get('x-csrf-token');
    if (!sent || !equal(sent, req.csrfToken)) return next(CsrfMismatch());
    next();
  };
}
