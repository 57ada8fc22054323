// Which agency a templates page is about: the manager's own, or for a province-wide admin the one named by code
// (the first by code when none is named), with the codes to choose from. Another agency named is a refusal, as
// /review and /metrics do, so a guessed code learns nothing more.
import type { Db } from '../../db/index.js';
import { ReplyAgencyNotFoundError, ReplyForbiddenError } from './errors.js';
import { managedAgencyIds, type ReplyActor } from './templates.js';

export interface ManagedAgency { agency: { id: number; code: string; name: string }; choices: { code: string; name: string }[] }

export async function managedAgencyByCode(db: Db, actor: ReplyActor, code: string | undefined): Promise<ManagedAgency> {
  const managed = managedAgencyIds(actor);
  if (managed !== null && managed.length === 0) throw new ReplyForbiddenError('no agency whose templates this account manages');
  const where = managed === null ? (code ? { code } : {}) : { id: managed, ...(code ? { code } : {}) };
  // raw: the page reads agency.name and agency.code; handlebars does not read a model instance's getters
  const agency = await db.models.Agency.findOne({ where, order: [['code', 'ASC']], attributes: ['id', 'code', 'name'], raw: true });
  if (!agency) {
    if (code && managed !== null) throw new ReplyForbiddenError('not an agency this account manages');
    throw new ReplyAgencyNotFoundError(code ?? '');
  }
  // with their names: a province-wide admin picks an agency by name (the picker showed the codes alone)
  const choices = managed === null ? await db.models.Agency.findAll({ order: [['code', 'ASC']], attributes: ['code', 'name'], raw: true }) : [];
  return { agency: { id: agency.id, code: agency.code, name: agency.name }, choices: choices.map((a) => ({ code: a.code, name: a.name })) };
}
