// The request log and the HTTP latency histogram: one line per request with stable fields (event http.request,
// method, route pattern, status, ms, user id). The route is the pattern that answered (`/tickets/:ref`), which
// bounds the histogram's labels and keeps case numbers out of metric labels; bodies, query strings and cookies
// are never logged. Probes and scrapes are logged at debug so they do not drown the log.
import type { RequestHandler, Request } from 'express';
import type { Logger } from '../../logger.js';
import { observeHttpRequest } from '../../services/ops/index.js';

const QUIET_ROUTES = new Set(['/healthz', '/readyz', '/metrics/prom']);

/** The pattern of the route that answered, or a fixed name when none did. */
export function routePattern(req: Request): string {
  const route = (req as { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${req.baseUrl}${route.path}`;
  if (route && Array.isArray(route.path)) return `${req.baseUrl}${route.path.join('|')}`;
  return '(unmatched)';
}

export function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routePattern(req);
      observeHttpRequest(req.method, route, res.statusCode, seconds);
      const line = { event: 'http.request', method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000), user: req.auth?.user.id ?? null };
      if (QUIET_ROUTES.has(route)) log.debug(line);
      else log.info(line);
    });
    next();
  };
}
