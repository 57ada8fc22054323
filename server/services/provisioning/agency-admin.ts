/**
 * One agency at a time, for province-wide admins only (the web and the CLI alike): edit its name, kind, parent
 * and hotline address; end it on a day (`valid_to`), deactivate it now (the same end, today), or reopen it.
 * Its code never changes (it prefixes case refs) and its mail domain moves only with `domain:migrate`, which
 * carries the mailboxes along. An ended agency takes no new roster rows, tickets or mailboxes (agency-open.ts).
 * Each change writes one audit row with from and to per field.
 */
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import type { AgencyAttrs } from '../../db/models/foundation.js';
import { audit } from '../audit/index.js';
import type { Actor } from '../auth/index.js';
import { domainOf, emailAddressProblem, isAgencyKind, findAgencyByCode } from '../org/index.js';
import { agencyOpenAt, endOfAgencyAt, endedOn } from './agency-open.js';
import { invalid, notFound } from './errors.js';
import { assertProvinceAdmin } from './mailbox-guard.js';

const NAME_MAX_CHARS = 255;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

export interface AgencyEdit {
  name?: string;
  kind?: string;
  /** null: a root (the province) */
  parentCode?: string | null;
  /** null: no hotline */
  hotlineAddress?: string | null;
}

export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

async function agencyRow(db: Db, code: string) {
  const row = await findAgencyByCode(db, code);
  if (!row) throw notFound('agency', code, 'code');
  return row;
}

/** The parent's id, refusing itself and any descendant (a cycle would hang every walk up the tree). */
async function parentIdFor(db: Db, agency: AgencyAttrs, parentCode: string): Promise<number> {
  const parent = await findAgencyByCode(db, parentCode);
  if (!parent) throw invalid('agency.parent_unknown', `no agency ${parentCode}`, 'parent', { parent: parentCode });
  const parents = new Map((await db.models.Agency.findAll({ attributes: ['id', 'parent_id'], raw: true })).map((a) => [a.id, a.parent_id]));
  for (let at: number | null = parent.id; at !== null; at = parents.get(at) ?? null) {
    if (at === agency.id) throw invalid('agency.parent_cycle', `${parent.code} lies under ${agency.code}`, 'parent', { parent: parent.code, agency: agency.code });
  }
  return parent.id;
}

export async function updateAgency(db: Db, code: string, edit: AgencyEdit, actor: Actor): Promise<FieldChanges> {
  assertProvinceAdmin(actor, 'editing an agency');
  return inTransaction(db.sequelize, async () => {
    const cur = await agencyRow(db, code);
    const next: Partial<AgencyAttrs> = {};
    if (edit.name !== undefined) {
      const name = edit.name.normalize('NFC').trim();
      if (!name || name.length > NAME_MAX_CHARS) throw invalid('agency.name_invalid', `name must have 1–${NAME_MAX_CHARS} characters`, 'name');
      next.name = name;
    }
    if (edit.kind !== undefined) {
      if (!isAgencyKind(edit.kind)) throw invalid('agency.kind_invalid', `unknown kind ${edit.kind}`, 'kind', { kind: edit.kind });
      next.kind = edit.kind;
    }
    if (edit.parentCode !== undefined) next.parent_id = edit.parentCode ? await parentIdFor(db, cur, edit.parentCode) : null;
    if (edit.hotlineAddress !== undefined) {
      const address = edit.hotlineAddress?.trim().toLowerCase() || null;
      if (address) {
        const problem = emailAddressProblem(address);
        if (problem) throw invalid('agency.hotline_invalid', `hotline ${problem.message}`, 'hotline', { address });
        if (domainOf(address) !== cur.mail_domain) {
          throw invalid('agency.hotline_domain', `the hotline must lie in ${cur.mail_domain ?? 'the agency\'s mail domain'}`, 'hotline', { domain: cur.mail_domain ?? '' });
        }
      }
      next.hotline_address = address;
    }
    const changes: FieldChanges = {};
    const codes = new Map((await db.models.Agency.findAll({ attributes: ['id', 'code'], raw: true })).map((a) => [a.id, a.code]));
    for (const [field, to] of Object.entries(next) as [keyof AgencyAttrs, unknown][]) {
      if (cur[field] === to) continue;
      // The parent is recorded by code, as people know it.
      if (field === 'parent_id') changes.parent = { from: cur.parent_id ? codes.get(cur.parent_id) : null, to: to ? codes.get(to as number) : null };
      else changes[field] = { from: cur[field], to };
    }
    if (Object.keys(changes).length === 0) return changes;
    await db.models.Agency.update(next, { where: { id: cur.id } });
    await audit(db, { actor: actor.username, action: 'agency.update', target: `agency:${cur.code}`, details: { changes } });
    return changes;
  });
}

/**
 * Sets the day the agency ends (its first day without it: 00:00 Hà Nội time), `null` to reopen it. A past or
 * present day ends it at once. Returns the change, from and to, as days.
 */
export async function setAgencyEnd(db: Db, code: string, day: string | null, actor: Actor): Promise<{ from: string | null; to: string | null }> {
  if (day !== null && (!DAY_RE.test(day) || Number.isNaN(endOfAgencyAt(day).getTime()))) {
    throw invalid('agency.end_invalid', `the end day must be YYYY-MM-DD, not "${day}"`, 'valid_to', { day });
  }
  return endAt(db, code, day === null ? null : endOfAgencyAt(day), actor);
}

/** Deactivation: the agency ends now, so it takes nothing new from this moment. */
export const deactivateAgency = (db: Db, code: string, actor: Actor, now = new Date()) => endAt(db, code, now, actor);

async function endAt(db: Db, code: string, validTo: Date | null, actor: Actor): Promise<{ from: string | null; to: string | null }> {
  assertProvinceAdmin(actor, 'ending an agency');
  return inTransaction(db.sequelize, async () => {
    const row = await agencyRow(db, code);
    const change = { from: endedOn(row), to: endedOn({ valid_to: validTo }) };
    if (change.from === change.to && (validTo === null) === (row.valid_to === null)) return change;
    await db.models.Agency.update({ valid_to: validTo }, { where: { id: row.id } });
    await audit(db, { actor: actor.username, action: validTo === null ? 'agency.reopen' : 'agency.end', target: `agency:${row.code}`, details: { changes: { valid_to: change } } });
    return change;
  });
}

export interface AgencyListItem {
  code: string; name: string; kind: string; parent: string | null; mail_domain: string | null; hotline_address: string | null;
  /** the day it ends or ended (YYYY-MM-DD, Hà Nội), null when open-ended */
  valid_to: string | null;
  /** it has ended: it takes no new roster rows, tickets or mailboxes */
  ended: boolean;
}

/** Every agency by code, with its parent's code and its end. */
export async function listAgencies(db: Db, now = new Date()): Promise<AgencyListItem[]> {
  const rows = await db.models.Agency.findAll({ order: [['code', 'ASC']], raw: true });
  const codeOf = new Map(rows.map((a) => [a.id, a.code]));
  return rows.map((a) => listItem(a, a.parent_id ? codeOf.get(a.parent_id) ?? null : null, now));
}

/** One agency as the list shows it, by its code as typed; null when there is none. */
export async function findAgencyItem(db: Db, code: string, now = new Date()): Promise<AgencyListItem | null> {
  const a = await findAgencyByCode(db, code);
  if (!a) return null;
  const parent = a.parent_id ? await db.models.Agency.findByPk(a.parent_id, { attributes: ['code'], raw: true }) : null;
  return listItem(a, parent?.code ?? null, now);
}

const listItem = (a: AgencyAttrs, parent: string | null, now: Date): AgencyListItem => ({
  code: a.code, name: a.name, kind: a.kind, parent, mail_domain: a.mail_domain, hotline_address: a.hotline_address, valid_to: endedOn(a), ended: !agencyOpenAt(a, now),
});
