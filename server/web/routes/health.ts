// Probes, no login: /healthz (the process is alive and its database answers) and /readyz (ready for traffic:
// database and migrations current, 503 when not; 200 "degraded" when no job runner works the queue or a hotline
// inbox is stale, see services/ops/readiness.ts), each with a JSON body naming what is wrong. Neither names a citizen, an address or a mail: inboxes appear by agency code.
import { Router } from 'express';
import type { AppDeps } from '../app.js';
import { readiness } from '../../services/ops/index.js';

export const DEFAULT_INBOX_STALE_MS = 15 * 60_000;

export function healthRoutes({ db, ops }: AppDeps): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    try {
      await db.sequelize.query('SELECT 1');
      res.json({ status: 'ok', db: 'ok' });
    } catch {
      res.status(503).json({ status: 'error', db: 'unreachable' });
    }
  });
  router.get('/readyz', async (_req, res) => {
    const r = await readiness(db, { inboxStaleMs: ops?.inboxStaleMs ?? DEFAULT_INBOX_STALE_MS }).catch(() => null);
    if (!r) {
      res.set('Cache-Control', 'no-store').status(503).json({ status: 'not_ready', checks: { db: { ok: false, detail: 'a readiness query failed' } } });
      return;
    }
    const status = !r.ready ? 'not_ready' : r.degraded ? 'degraded' : 'ready';
    res.set('Cache-Control', 'no-store').status(r.ready ? 200 : 503).json({ status, checks: r.checks });
  });
  return router;
}
