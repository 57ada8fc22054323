// The options every cookie of this app is set with. Secure when configured (SECURE_COOKIES: BASE_URL is https, a
// proxy is trusted, or COOKIE_SECURE) and, whatever the setting, on a request that arrived over https (directly,
// or through a trusted proxy's X-Forwarded-Proto), so a cookie set over https is never sent back over http.
import type { CookieOptions, Request } from 'express';

export function cookieOptions(req: Request, secureCookies: boolean, extra: CookieOptions = {}): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: secureCookies || req.secure, ...extra };
}
