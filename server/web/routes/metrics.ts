// /metrics: leaders' dashboard for their scope (their agency, or the province), with SVG charts and streamed
// CSV/XLSX exports. The page's scope is decided by the metrics service from the signed-in actor
// (dashboard-access.ts), so a leader of one agency never reads another's tickets, whatever the query string says.
// The periodic reports (services/reports) are downloaded here too, for a chosen month, quarter or half-year.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { requireLogin, requireRole } from '../middleware/auth.js';
import { Forbidden, HttpError } from '../errors.js';
import { t } from '../../i18n/index.js';
import {
  MetricsForbiddenError, MetricsInputError, dashboard, exportMetrics, metricsAccess, metricsAgencyChoices, parseBound, type ExportFormat,
  type MetricsQuery, localDate,
} from '../../services/metrics/index.js';
import { actorOf } from '../../services/auth/index.js';
import { normaliseAgencyCode } from '../../services/org/index.js';
import { metricsPage, type MetricsFilters } from '../presenters/metrics-page.js';
import { exportLabels } from '../presenters/export-labels.js';
import { reportChoices } from '../presenters/metrics-reports.js';
import { typedDays, type TypedDays } from '../forms/day-input.js';
import { lastFinishedPeriods, parseReportPeriod, reportFile, ReportPeriodError, type ReportFormat } from '../../services/reports/index.js';

const DEFAULT_PERIOD_DAYS = 91;
const DAY_MS = 86_400_000;
const filterSchema = z.object({
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  agency: z.string().max(64).optional(),
});

const reportSchema = z.object({ period: z.string().max(16).optional(), agency: z.string().max(64).optional() });

const badRequest = (message: string) => new HttpError(400, 'metrics.error.bad_filter', message);

/** The metrics service's refusals as HTTP errors: the actor's role or scope (403), an unknown agency (400). */
function asHttpError(e: unknown): unknown {
  if (e instanceof MetricsForbiddenError) return Forbidden(e.message);
  return e instanceof MetricsInputError ? badRequest(e.message) : e;
}

/**
 * The filters as typed (defaults: the last 13 weeks), and the service query; the service checks the agency. A
 * period bound typed day/month/year (or ISO, as links carry it) is read by typedDays; one it cannot read keeps
 * its default and is named in `dates.bad` with the text typed, and its error in `dates.errors`, for the page to
 * show next to its field.
 */
function readFilters(req: Request): { filters: MetricsFilters; query: MetricsQuery; dates: TypedDays<'from' | 'to'> } {
  const parsed = filterSchema.safeParse(req.query);
  if (!parsed.success) throw badRequest('from/to must be dates (dd/mm/yyyy)');
  const dates = typedDays(parsed.data, ['from', 'to'], req.locale);
  const filters: MetricsFilters = {
    from: dates.days.from ?? localDate(new Date(Date.now() - DEFAULT_PERIOD_DAYS * DAY_MS)),
    to: dates.days.to ?? localDate(new Date()),
    agency: normaliseAgencyCode(parsed.data.agency ?? ''),
  };
  try {
    return { filters, query: { from: parseBound(filters.from, 'from'), to: parseBound(filters.to, 'to'), agencyCode: filters.agency || undefined }, dates };
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
    const { filters, query, dates: { bad, errors: dateErrors } } = readFilters(req);
    const actor = actorOf(req.auth!.user);
    const data = await dashboard(db, actor, query).catch((e: unknown) => Promise.reject(asHttpError(e)));
    const choices = await metricsAgencyChoices(db, actor);
    const scope = actor.agencyId !== null;
    // a bound it could not read answers 400 as before, but with the page and the error next to the field
    res.status(Object.keys(bad).length ? 400 : 200).render('pages/metrics', {
      title: t(req.locale, 'metrics.title'),
      scopeName: scope ? choices[0]?.name ?? '' : null,
      agencyChoices: choices.map((a) => ({ code: a.code, name: a.name, selected: a.code === filters.agency })),
      provinceWide: !scope,
      reports: reportChoices(new Date(), filters.agency, req.locale),
      ...metricsPage(data, filters, req.locale),
      // a bound it could not read: the period used its default; the field keeps the text typed, with the error
      typed: { from: bad.from ?? filters.from, to: bad.to ?? filters.to },
      dateErrors,
    });
  });

  const exportHandler = (format: ExportFormat) => async (req: Request, res: Response) => {
    const { filters, query, dates } = readFilters(req);
    if (Object.keys(dates.bad).length) throw badRequest('from/to must be dates (dd/mm/yyyy)');
    const access = await metricsAccess(db, actorOf(req.auth!.user), query.agencyCode).catch((e: unknown) => Promise.reject(asHttpError(e)));
    res.setHeader('Content-Type', CONTENT_TYPES[format]);
    res.setHeader('Content-Disposition', `attachment; filename="metrics-${filters.from}-${filters.to}.${format}"`);
    try {
      await exportMetrics(db, { ...query, agencyIds: access.agencyIds }, format, res, { labels: exportLabels(req.locale) });
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

  // ?period=2026-11 | 2026-Q3 | 2026-H1 (default: the last finished month) [&agency=CODE, checked by the service]
  const reportHandler = (format: ReportFormat) => async (req: Request, res: Response) => {
    const parsed = reportSchema.safeParse(req.query);
    if (!parsed.success) throw new HttpError(400, 'reports.error.bad_period', 'bad report period');
    let period;
    try {
      period = parsed.data.period ? parseReportPeriod(parsed.data.period) : lastFinishedPeriods(new Date())[0]!;
    } catch (e) {
      throw e instanceof ReportPeriodError ? new HttpError(400, 'reports.error.bad_period', e.message) : e;
    }
    const agency = normaliseAgencyCode(parsed.data.agency ?? '') || undefined;
    const file = await reportFile(db, actorOf(req.auth!.user), period, format, agency).catch((e: unknown) => Promise.reject(asHttpError(e)));
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    res.send(file.content);
  };
  router.get('/metrics/report.pdf', ...guard, reportHandler('pdf'));
  router.get('/metrics/report.xlsx', ...guard, reportHandler('xlsx'));
  return router;
}
