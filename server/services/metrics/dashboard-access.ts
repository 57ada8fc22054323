// Who may read the leaders' figures, and over which agencies: the rule lives here so the web, the CLI and jobs
// obey it alike. Leaders, supervisors and admins read metrics; one whose role is held in an agency reads that
// agency only, whatever agency a form or a flag names.
import type { Db } from '../../db/index.js';
import type { Principal } from '../auth/index.js';
import { MetricsInputError } from './scope.js';

export const METRICS_ROLES: readonly Principal['role'][] = ['leader', 'supervisor', 'admin'];

/** Raised when the actor may not read metrics, or not of the agency asked for. */
export class MetricsForbiddenError extends Error {}

export interface MetricsAccess {
  /** the agencies the actor may read; undefined = the whole province */
  agencyIds: readonly number[] | undefined;
  /** the one agency the figures are about (asked for, or the actor's own), else null = every agency in scope */
  agency: { id: number; code: string } | null;
}

export async function metricsAccess(db: Db, actor: Principal, agencyCode?: string): Promise<MetricsAccess> {
  if (!METRICS_ROLES.includes(actor.role)) throw new MetricsForbiddenError(`the ${actor.role} role does not read metrics`);
  const agencyIds = actor.agencyId === null ? undefined : [actor.agencyId];
  if (agencyCode) {
    // services/org only when an agency is named: its face also brings the org-file readers and the demo seed
    const { findAgencyByCode } = await import('../org/index.js');
    const a = await findAgencyByCode(db, agencyCode);
    if (!a) throw new MetricsInputError(`no agency with code ${agencyCode}`);
    if (agencyIds && !agencyIds.includes(a.id)) throw new MetricsForbiddenError(`agency ${agencyCode} is outside your scope`);
    return { agencyIds, agency: { id: a.id, code: a.code } };
  }
  if (actor.agencyId === null) return { agencyIds, agency: null };
  const own = await db.models.Agency.findByPk(actor.agencyId, { attributes: ['id', 'code'], raw: true });
  // an actor whose agency row is gone reads nothing rather than everything
  return { agencyIds: agencyIds!, agency: own ? { id: own.id, code: own.code } : { id: actor.agencyId, code: '' } };
}

/** The agencies the actor may pick in the dashboard's filter, by code: their own, or every one province-wide. */
export async function metricsAgencyChoices(db: Db, actor: Principal): Promise<{ code: string; name: string }[]> {
  if (!METRICS_ROLES.includes(actor.role)) throw new MetricsForbiddenError(`the ${actor.role} role does not read metrics`);
  return db.models.Agency.findAll({ where: actor.agencyId === null ? {} : { id: actor.agencyId }, attributes: ['code', 'name'], order: [['code', 'ASC']], raw: true });
}
