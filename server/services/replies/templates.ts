// Answer templates and the letter head/signature of an agency. Managed by the agency's supervisors and admins, and by
// province-wide admins for any agency; read (to fill the reply form) by anyone who may reply on the agency's tickets.
// The scope is checked here, so the web, the CLI and jobs obey one rule; another agency's template is "not found".
import type { Db } from '../../db/index.js';
import type { Role } from '../../db/models/foundation.js';
import { inTransaction, readRows } from '../../db/index.js';
import { audit } from '../audit/index.js';
import { ReplyForbiddenError, ReplyInputError, ReplyTemplateNotFoundError } from './errors.js';
import { unknownVariables } from './template-vars.js';

export interface ReplyActor { id: number; username: string; role: Role; agency_id: number | null }

export const TEMPLATE_NAME_MAX = 120;
export const TEMPLATE_BODY_MAX = 20_000;
export const LETTER_PART_MAX = 4_000;
const MANAGER_ROLES: readonly Role[] = ['supervisor', 'admin'];

/** Supervisors and admins of the agency, and province-wide admins. */
export function canManageTemplates(actor: ReplyActor, agencyId: number): boolean {
  if (!MANAGER_ROLES.includes(actor.role)) return false;
  return actor.agency_id === agencyId || (actor.role === 'admin' && actor.agency_id === null);
}

/** Agencies whose templates the actor manages: their own, or all (null) for a province-wide admin. */
export function managedAgencyIds(actor: ReplyActor): number[] | null {
  if (!MANAGER_ROLES.includes(actor.role)) return [];
  if (actor.agency_id === null) return actor.role === 'admin' ? null : [];
  return [actor.agency_id];
}

function mustManage(actor: ReplyActor, agencyId: number): void {
  if (!canManageTemplates(actor, agencyId)) throw new ReplyForbiddenError(`${actor.username} may not manage the reply templates of agency ${agencyId}`);
}

export interface TemplateRow { id: number; name: string; body: string; updatedBy: string | null; updatedAt: Date | null }

/** The agency's templates by name; for filling the reply form and for the management page (no scope check: callers hold the ticket or mustManage). */
export async function agencyTemplates(db: Db, agencyId: number): Promise<TemplateRow[]> {
  // Raw (db/read-rows.ts): the reply form on every drawing of the ticket page reads them.
  const rows = await readRows(db, 'SELECT t.id, t.name, t.body, t.updated_by, t.updated_at FROM reply_templates t WHERE t.agency_id = ? ORDER BY t.name ASC, t.id ASC', [agencyId]);
  return rows.map((r) => ({ id: Number(r.id), name: String(r.name), body: String(r.body), updatedBy: r.updated_by === null || r.updated_by === undefined ? null : String(r.updated_by),
    updatedAt: r.updated_at === null || r.updated_at === undefined ? null : r.updated_at instanceof Date ? r.updated_at : new Date(String(r.updated_at)) }));
}

export async function listTemplatesAs(db: Db, actor: ReplyActor, agencyId: number): Promise<TemplateRow[]> {
  mustManage(actor, agencyId);
  return agencyTemplates(db, agencyId);
}

function checkText(field: string, value: string, max: number, required: boolean): string {
  const v = value.replace(/\r\n?/g, '\n').trim();
  if (required && !v) throw new ReplyInputError(field, 'empty');
  if (v.length > max) throw new ReplyInputError(field, 'too_long', { max });
  const unknown = unknownVariables(v);
  if (unknown.length) throw new ReplyInputError(field, 'unknown_variable', { names: unknown.map((n) => `{{${n}}}`).join(', ') });
  return v;
}

/** Creates (no id) or changes a template of the agency; names are unique per agency. */
export async function saveTemplate(db: Db, actor: ReplyActor, input: { agencyId: number; id?: number; name: string; body: string }): Promise<number> {
  mustManage(actor, input.agencyId);
  const name = input.name.replace(/\s+/g, ' ').trim();
  if (!name) throw new ReplyInputError('name', 'empty');
  if (name.length > TEMPLATE_NAME_MAX) throw new ReplyInputError('name', 'too_long', { max: TEMPLATE_NAME_MAX });
  const body = checkText('body', input.body, TEMPLATE_BODY_MAX, true);
  return inTransaction(db.sequelize, async () => {
    const clash = await db.models.ReplyTemplate.findOne({ where: { agency_id: input.agencyId, name }, attributes: ['id'] });
    if (clash && clash.id !== input.id) throw new ReplyInputError('name', 'taken');
    let id = input.id;
    if (id) {
      const row = await db.models.ReplyTemplate.findOne({ where: { id, agency_id: input.agencyId } });
      if (!row) throw new ReplyTemplateNotFoundError(`template ${id}`);
      await row.update({ name, body, updated_by: actor.username });
    } else {
      id = (await db.models.ReplyTemplate.create({ agency_id: input.agencyId, name, body, updated_by: actor.username })).id;
    }
    await audit(db, { actor: actor.username, action: input.id ? 'reply_template.update' : 'reply_template.create', target: `agency:${input.agencyId}`, details: { id, name } });
    return id;
  });
}

export async function deleteTemplate(db: Db, actor: ReplyActor, input: { agencyId: number; id: number }): Promise<void> {
  mustManage(actor, input.agencyId);
  await inTransaction(db.sequelize, async () => {
    const row = await db.models.ReplyTemplate.findOne({ where: { id: input.id, agency_id: input.agencyId } });
    if (!row) throw new ReplyTemplateNotFoundError(`template ${input.id}`);
    await row.destroy();
    await audit(db, { actor: actor.username, action: 'reply_template.delete', target: `agency:${input.agencyId}`, details: { id: input.id, name: row.name } });
  });
}

export interface LetterParts { header: string | null; signature: string | null }

export async function letterParts(db: Db, agencyId: number): Promise<LetterParts> {
  const row = await db.models.AgencyReplySettings.findByPk(agencyId);
  return { header: row?.header ?? null, signature: row?.signature ?? null };
}

export async function letterPartsAs(db: Db, actor: ReplyActor, agencyId: number): Promise<LetterParts> {
  mustManage(actor, agencyId);
  return letterParts(db, agencyId);
}

export async function saveLetterParts(db: Db, actor: ReplyActor, input: { agencyId: number; header: string; signature: string }): Promise<void> {
  mustManage(actor, input.agencyId);
  const header = checkText('header', input.header, LETTER_PART_MAX, false) || null;
  const signature = checkText('signature', input.signature, LETTER_PART_MAX, false) || null;
  await inTransaction(db.sequelize, async () => {
    const row = await db.models.AgencyReplySettings.findByPk(input.agencyId);
    if (row) await row.update({ header, signature, updated_by: actor.username });
    else await db.models.AgencyReplySettings.create({ agency_id: input.agencyId, header, signature, updated_by: actor.username });
    await audit(db, { actor: actor.username, action: 'reply_letter.update', target: `agency:${input.agencyId}`, details: {} });
  });
}
