// /metrics: leaders' dashboard for their scope (their agency, or the province), with SVG charts and streamed
// CSV/XLSX exports. The page's scope is decided by the metrics service from the signed-in actor
// (dashboard-access.ts), so a leader of one agency never reads another's tickets, whatever the query string says.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { agencyScope, assertAgencyAccess, requireLogin, requireRole } from '../middleware/auth.js';
import { Forbidden, HttpError } from '../errors.js';
import { t } from '../../i18n/index.js';
import {
  MetricsForbiddenError, MetricsInputError, dashboard, exportMetrics, parseBound, type ExportFormat,
  type MetricsQuery, localDate,
} from '../../services/metrics/index.js';
import { actorOf } from '../../services/auth/index.js';
import { findAgencyByCode } from '../../services/org/index.js';
import { metricsPage, type MetricsFilters } from '../presenters/metrics-page.js';

const DEFAULT_PERIOD_DAYS = 91;
const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const filterSchema = z.object({
  from: z.string().regex(ISO_DATE).optional().or(z.literal('')),
  to: z.string().regex(ISO_DATE).optional().or(z.literal('')),
  agency: z.string().max(64).optional(),
});

const badRequest = (message: string) => new HttpError(400, 'metrics.error.bad_filter', message);

/** The filters as typed (defaults: the last 13 weeks), and the service query with the caller's scope. */
async function readFilters(req: Request, deps: AppDeps): Promise<{ filters: MetricsFilters; query: MetricsQuery }> {
  const parsed = filterSchema.safeParse(req.query);
  if (!parsed.success) throw badRequest('from/to must be dates (YYYY-MM-DD)');
  const today = localDate(new Date());
  const filters: MetricsFilters = {
    from: parsed.data.from || localDate(new Date(Date.now() - DEFAULT_PERIOD_DAYS * DAY_MS)),
    to: parsed.data.to || today,
    agency: parsed.data.agency?.trim() ?? '',
  };
  if (filters.agency) {
    const agency = await findAgencyByCode(deps.db, filters.agency);
    if (!agency) throw badRequest(`no agency with code ${filters.agency}`);
    assertAgencyAccess(req, agency.id);
  }
  try {
    return {
      filters,
      query: { from: parseBound(filters.from, 'from'), to: parseBound(filters.to, 'to'), agencyCode: filters.agency || undefined, agencyIds: agencyScope(req) },
    };
  } catch (e) {
    throw badRequest((e as Error).message);
  }
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function metricsRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const router = Router();
  const guard = [requireLogin, requireRole('leader', 'supervisor', 'admin')];

  router.get('/metrics', ...guard, async (req, res) => {
    const { filters, query } = await readFilters(req, deps);
    const data = await dashboard(db, actorOf(req.auth!.user), { from: query.from, to: query.to, agencyCode: query.agencyCode }).catch((e) => {
      if (e instanceof MetricsForbiddenError) throw Forbidden(e.message);
      throw e instanceof MetricsInputError ? badRequest(e.message) : e;
    });
    const scope = agencyScope(req);
    const choices = await db.models.Agency.findAll({ where: scope ? { id: scope } : {}, attributes: ['code', 'name'], order: [['code', 'ASC']] });
    res.render('pages/metrics', {
      title: t(req.locale, 'metrics.title'),
      scopeName: scope ? choices[0]?.name ?? '' : null,
      agencyChoices: choices.map((a) => ({ code: a.code, name: a.name, selected: a.code === filters.agency })),
      provinceWide: !scope,
      ...metricsPage(data, filters, req.locale),
    });
  });

  const exportHandler = (format: ExportFormat) => async (req: Request, res: Response) => {
    const { filters, query } = await readFilters(req, deps);
    res.setHeader('Content-Type', CONTENT_TYPES[format]);
    res.setHeader('Content-Disposition', `attachment; filename="metrics-${filters.from}-${filters.to}.${format}"`);
    try {
      await exportMetrics(db, query, format, res);
    } catch (e) {
      if (!res.headersSent) {
        res.removeHeader('Content-Type');
        res.removeHeader('Content-Disposition');
        throw e instanceof MetricsInputError ? badRequest(e.message) : e;
      }
      deps.log.error({ event: 'metrics.export.failed', err: e }, 'metrics export failed mid-stream');
      res.destroy();
    }
  };
  router.get('/metrics/export.csv', ...guard, exportHandler('csv'));
  router.get('/metrics/export.xlsx', ...guard, exportHandler('xlsx'));
  return router;
}
