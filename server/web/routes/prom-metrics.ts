// /metrics/prom: the Prometheus scrape (the leaders' dashboard is /metrics). No session and no CSRF (a scraper
// has neither); access is METRICS_TOKEN as a bearer token and/or METRICS_ALLOW addresses — each one configured
// must pass, and with neither configured the endpoint refuses everyone. The token is compared as SHA-256 digests
// with timingSafeEqual, so neither its length nor its content leaks through timing.
import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv4 } from 'node:net';
import { Router, type Request } from 'express';
import type { AppDeps } from '../app.js';
import { createOpsMetrics } from '../../services/ops/index.js';
import { DEFAULT_INBOX_STALE_MS } from './health.js';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

function allowList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const e of entries) {
    const [addr, bits] = e.split('/');
    const type = isIPv4(addr!) ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(addr!, type);
    else list.addSubnet(addr!, Number(bits), type);
  }
  return list;
}

/** req.ip as the allow-list compares it: an IPv4 client on a dual-stack socket arrives as ::ffff:a.b.c.d. */
function clientAddress(req: Request): { addr: string; type: 'ipv4' | 'ipv6' } {
  const ip = (req.ip ?? '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  return { addr: ip, type: isIPv4(ip) ? 'ipv4' : 'ipv6' };
}

export function promMetricsRoutes({ db, ops }: AppDeps): Router {
  const router = Router();
  const expected = ops?.metricsToken ? digest(ops.metricsToken) : null;
  const allowed = ops?.metricsAllow?.length ? allowList(ops.metricsAllow) : null;
  const metrics = createOpsMetrics(db, { inboxStaleMs: ops?.inboxStaleMs ?? DEFAULT_INBOX_STALE_MS });
  router.get('/metrics/prom', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    if (!expected && !allowed) {
      res.status(403).json({ error: { id: 'metrics.disabled', message: 'Set METRICS_TOKEN or METRICS_ALLOW to enable the Prometheus endpoint' } });
      return;
    }
    if (allowed) {
      const { addr, type } = clientAddress(req);
      if (!addr || !allowed.check(addr, type)) {
        res.status(403).json({ error: { id: 'metrics.address_refused', message: 'This address may not scrape metrics (METRICS_ALLOW)' } });
        return;
      }
    }
    if (expected) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
      if (!m) {
        res.status(401).set('WWW-Authenticate', 'Bearer realm="govmail-metrics"').json({ error: { id: 'metrics.token_missing', message: 'A bearer token is required' } });
        return;
      }
      if (!timingSafeEqual(digest(m[1]!), expected)) {
        res.status(403).json({ error: { id: 'metrics.token_refused', message: 'Wrong metrics token' } });
        return;
      }
    }
    const { contentType, body } = await metrics.scrape();
    res.type(contentType).send(body);
  });
  return router;
}
