// /healthz: 200 when the database answers, 503 otherwise. No login; reveals nothing but "ok".
import { Router } from 'express';
import type { AppDeps } from '../app.js';

export function healthRoutes({ db }: AppDeps): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    try {
      await db.sequelize.query('SELECT 1');
      res.json({ status: 'ok', db: 'ok' });
    } catch {
      res.status(503).json({ status: 'error', db: 'unreachable' });
    }
  });
  return router;
}
