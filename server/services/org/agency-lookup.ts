// The one way to find an agency by its code. Codes are stored upper-case ASCII (agency.ts), but they arrive
// typed by people: a form field, a CLI flag, a rule's action, a roster cell. Every lookup normalises them the
// same way here, so " stc" finds STC on SQLite as on MariaDB (whose collation would otherwise forgive case
// where SQLite does not).
import type { Db } from '../../db/index.js';
import type { AgencyAttrs } from '../../db/models/foundation.js';
import { normaliseAgencyCode } from './agency.js';

/**
 * The agency with this code (trimmed, upper-cased), ended or not: whether an ended agency may take new work is
 * the caller's rule (provisioning/agency-open.ts). Null for an empty or unknown code.
 */
export async function findAgencyByCode(db: Db, code: string | null | undefined): Promise<AgencyAttrs | null> {
  const normal = normaliseAgencyCode(code ?? '');
  if (normal === '') return null;
  return db.models.Agency.findOne({ where: { code: normal }, raw: true });
}

/** The agencies a user may pick (a filter, a scope, a target), by code: their own, or every one province-wide. */
export async function agencyChoices(db: Db, scope: { agencyId: number | null }): Promise<{ id: number; code: string; name: string }[]> {
  return db.models.Agency.findAll({ where: scope.agencyId === null ? {} : { id: scope.agencyId }, attributes: ['id', 'code', 'name'], order: [['code', 'ASC']], raw: true });
}
