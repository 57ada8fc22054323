// The one error handler: HTML or JSON by Accept, never a stack trace or internals. Unexpected errors get an id
// that appears in the log and on the page, so a user's report can be matched to the log line. Input errors are
// 400s with a message wherever they surface: a route's zod parse that throws (a form key sent twice arrives as an
// array, JSON of the wrong type) and the body parsers' own refusals (JSON that does not parse).
import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import type { Logger } from '../../logger.js';
import { BadRequest, HttpError, NotFound } from '../errors.js';
import { t } from '../../i18n/index.js';

export const notFound: RequestHandler = (_req, _res, next) => next(NotFound());

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (thrown, req, res, _next) => {
    const err: unknown = thrown instanceof ZodError ? BadRequest(thrown.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')) : thrown;
    const known = err instanceof HttpError ? err : undefined;
    const given = (err as { status?: unknown } | null)?.status;
    const status = known?.status ?? (typeof given === 'number' && given >= 400 && given < 500 ? given : 500);
    const errorId = randomUUID().slice(0, 8);
    if (!known || known.isReportable) {
      log.error({ event: 'web.error', errorId, method: req.method, path: req.path, err: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err) });
    }
    const locale = req.locale ?? 'vi';
    const key = known?.id ?? (status === 404 ? 'error.not_found' : status === 403 ? 'error.forbidden' : status < 500 ? 'error.bad_request' : 'error.internal');
    const message = t(locale, key, { id: errorId });
    res.status(status);
    if (req.accepts(['html', 'json']) === 'json') {
      res.json({ error: { id: key, status, message, ...(status >= 500 ? { errorId } : {}) } });
      return;
    }
    res.render('pages/error', { title: t(locale, 'error.title'), message, status });
  };
}
