// What a periodic report says: the leaders' dashboard (services/metrics) for the period's whole local days and
// the scope the actor may read, so a report equals the /metrics page for the same period, never a second count.
import type { Db } from '../../db/index.js';
import type { Principal } from '../auth/index.js';
import { dashboard, metricsAccess, type GroupMetrics } from '../metrics/index.js';
import { periodBounds, type ReportPeriod } from './period.js';

export interface ReportRow extends GroupMetrics { label: string }

export interface PeriodReport {
  period: ReportPeriod;
  /** the one agency the report is about, or null = every agency the actor reads (the province) */
  agency: { code: string; name: string } | null;
  as_of: string;
  agencies: (ReportRow & { code: string })[];
  /** category code ('' = not yet categorised); labels are given when rendered, in the reader's language */
  categories: (GroupMetrics & { category: string })[];
  total: GroupMetrics;
}

/** The report of `period` over what `actor` may read (one agency when agencyCode names one in scope). */
export async function buildPeriodReport(db: Db, actor: Principal, period: ReportPeriod, agencyCode?: string): Promise<PeriodReport> {
  const { from, to } = periodBounds(period);
  const d = await dashboard(db, actor, { from, to, agencyCode });
  const access = await metricsAccess(db, actor, agencyCode);
  const row = access.agency ? await db.models.Agency.findByPk(access.agency.id, { attributes: ['code', 'name'], raw: true }) : null;
  return {
    period,
    agency: access.agency ? { code: row?.code ?? access.agency.code, name: row?.name ?? access.agency.code } : null,
    as_of: d.as_of,
    agencies: d.agencies.map(({ agency, agency_name, breach_pct: _pct, ...m }) => ({ ...m, code: agency, label: agency_name || agency })),
    categories: d.categories,
    total: d.total,
  };
}
