// The one error handler: HTML or JSON by Accept, never a stack trace or internals. Unexpected errors get an id
// that appears in the log and on the page, so a user's report can be matched to the log line.
import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../../logger.js';
import { HttpError, NotFound } from '../errors.js';
import { t } from '../../i18n/index.js';

export const notFound: RequestHandler = (_req, _res, next) => next(NotFound());

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known = err instanceof HttpError ? err : undefined;
    const status = known?.status ?? (typeof err?.status === 'number' && err.status < 500 ? err.status : 500);
    const errorId = randomUUID().slice(0, 8);
    if (!known || known.isReportable) {
      log.error({ event: 'web.error', errorId, method: req.method, path: req.path, err: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err) });
    }
    const locale = req.locale ?? 'vi';
    const key = known?.id ?? (status === 404 ? 'error.not_found' : status < 500 ? 'error.forbidden' : 'error.internal');
    const message = t(locale, key, { id: errorId });
    res.status(status);
    if (req.accepts(['html', 'json']) === 'json') {
      res.json({ error: { id: key, status, message, ...(status >= 500 ? { errorId } : {}) } });
      return;
    }
    res.render('pages/error', { title: t(locale, 'error.title'), message, status });
  };
}
