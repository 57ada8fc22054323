// Loads the session named by the cookie, and picks the locale: ?lang= (remembered in a cookie), else the user's
// own setting, else Vietnamese.
import type { RequestHandler } from 'express';
import type { Db } from '../../db/index.js';
import { findSession, type SessionLifetime } from '../../services/auth/index.js';
import { isLocale } from '../../i18n/index.js';
import { cookieOptions } from '../cookies.js';

export const SESSION_COOKIE = 'gm_sid';
export const LANG_COOKIE = 'gm_lang';

export function loadSession(db: Db, opts: { lifetime?: SessionLifetime; secureCookies: boolean }): RequestHandler {
  return async (req, res, next) => {
    try {
      const token = req.cookies?.[SESSION_COOKIE] as string | undefined;
      const found = await findSession(db, token, opts.lifetime);
      if (found && token) req.auth = { ...found, token };
      const asked = req.query.lang;
      if (isLocale(asked)) res.cookie(LANG_COOKIE, asked, cookieOptions(req, opts.secureCookies, { maxAge: 365 * 86_400_000 }));
      const remembered = req.cookies?.[LANG_COOKIE];
      req.locale = isLocale(asked) ? asked : isLocale(remembered) ? remembered : isLocale(found?.user.locale) ? found.user.locale : 'vi';
      next();
    } catch (e) {
      next(e);
    }
  };
}
