// What the middleware chain attaches to each request.
import type { SessionAttrs, UserAttrs } from '../db/models/foundation.js';
import type { Locale } from '../i18n/index.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      auth?: { user: UserAttrs; session: SessionAttrs; token: string };
      locale: Locale;
      csrfToken: string;
    }
  }
}

export {};
