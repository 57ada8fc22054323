// The admin's changes to the triage rules, each in one transaction with its audit row: create (at the place the
// admin chose, by default before the seed rules), update (keeps position and enabled), enable/disable, move up/down, delete. Positions are
// renumbered 10, 20, 30… on every move, so equal or sparse positions (seeds, imports) still move one step.
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import { audit } from '../audit/index.js';
import type { RuleFieldError, TriageRule } from './rule-schema.js';
import { deleteRule, getRule, listRules, saveRule } from './rule-store.js';
import { textKey } from './text-keys.js';
import { findAgencyByCode, normaliseAgencyCode } from '../org/index.js';

export type RuleChange = { ok: true; rule: TriageRule } | { ok: false; errors: RuleFieldError[] };
type Draft = Omit<TriageRule, 'id' | 'position' | 'enabled'> & Partial<Pick<TriageRule, 'enabled'>>;

const POSITION_STEP = 10;
/** default-rules.ts names every seed rule seed-<slug>. */
const SEED_ID_PREFIX = 'seed-';
const ID_MAX_CHARS = 48;

/** A stable, ASCII id from the rule's name: "Cây xanh → Sở Xây dựng" → "cay-xanh-so-xay-dung". */
export function ruleSlug(name: string): string {
  const slug = textKey(name).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, ID_MAX_CHARS).replace(/-+$/, '');
  return slug || 'rule';
}

async function uniqueId(db: Db, name: string): Promise<string> {
  const base = ruleSlug(name);
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!(await getRule(db, id))) return id;
  }
}

/** An action's agency must exist: a typo would silently keep mail at the receiving agency. */
async function unknownAgency(db: Db, draft: Draft): Promise<RuleFieldError[]> {
  const code = normaliseAgencyCode(draft.actions?.agencyCode ?? '');
  if (!code) return [];
  const found = await findAgencyByCode(db, code);
  return found ? [] : [{ field: 'actions.agencyCode', message: `no agency with code ${code}` }];
}

async function saveAudited(db: Db, input: unknown, actor: string, action: string, before: TriageRule | null): Promise<RuleChange> {
  const saved = await saveRule(db, input);
  if (!saved.ok) return saved;
  await audit(db, { actor, action, target: saved.rule.id, details: { before, after: saved.rule } });
  return saved;
}

/**
 * Where a new rule goes when the admin does not say: just before the first seed rule. A new rule is made for a
 * case the seeds get wrong or do not know, so behind them it would never fire on what they catch (issue 15 item
 * 4); the admin's own rules keep the order they were made in. With no seed rule left: at the end. Pure.
 */
export function defaultPlaceBefore(rules: readonly Pick<TriageRule, 'id'>[]): string | null {
  return rules.find((r) => r.id.startsWith(SEED_ID_PREFIX))?.id ?? null;
}

/** `before`: the id of the rule the new one goes in front of; null: at the end; undefined: defaultPlaceBefore. */
export async function createRule(db: Db, draft: Draft, actor: string, before?: string | null): Promise<RuleChange> {
  return inTransaction(db.sequelize, async () => {
    const agencyErrors = await unknownAgency(db, draft);
    if (agencyErrors.length) return { ok: false, errors: agencyErrors };
    const rules = await listRules(db);
    const place = before === undefined ? defaultPlaceBefore(rules) : before;
    const at = place === null ? rules.length : rules.findIndex((r) => r.id === place);
    if (at < 0) return { ok: false, errors: [{ field: 'position', message: `no rule ${place} to place the new rule before` }] };
    const id = await uniqueId(db, draft.name ?? '');
    const saved = await saveAudited(db, { enabled: true, ...draft, id, position: (at + 1) * POSITION_STEP - POSITION_STEP / 2 }, actor, 'triage.rule_created', null);
    if (saved.ok) await renumber(db, [...rules.slice(0, at).map((r) => r.id), id, ...rules.slice(at).map((r) => r.id)], rules);
    return saved.ok ? { ok: true, rule: { ...saved.rule, position: (at + 1) * POSITION_STEP } } : saved;
  });
}

/** Positions 10, 20, 30… in `order`, written only where they change. */
async function renumber(db: Db, order: readonly string[], known: readonly Pick<TriageRule, 'id' | 'position'>[]): Promise<void> {
  const was = new Map(known.map((r) => [r.id, r.position]));
  for (const [i, id] of order.entries()) {
    const position = (i + 1) * POSITION_STEP;
    if (was.get(id) !== position) await db.models.TriageRuleRow.update({ position }, { where: { rule_key: id } });
  }
}

export async function updateRule(db: Db, id: string, draft: Draft, actor: string): Promise<RuleChange | null> {
  return inTransaction(db.sequelize, async () => {
    const before = await getRule(db, id);
    if (!before) return null;
    const agencyErrors = await unknownAgency(db, draft);
    if (agencyErrors.length) return { ok: false, errors: agencyErrors };
    return saveAudited(db, { ...draft, id, position: before.position, enabled: draft.enabled ?? before.enabled }, actor, 'triage.rule_updated', before);
  });
}

export async function setRuleEnabled(db: Db, id: string, enabled: boolean, actor: string): Promise<boolean> {
  return inTransaction(db.sequelize, async () => {
    const rule = await getRule(db, id);
    if (!rule) return false;
    await saveRule(db, { ...rule, enabled });
    await audit(db, { actor, action: enabled ? 'triage.rule_enabled' : 'triage.rule_disabled', target: id });
    return true;
  });
}

/** Swaps the rule with its neighbour in application order; false when it is unknown or already at that end. */
export async function moveRule(db: Db, id: string, direction: 'up' | 'down', actor: string): Promise<boolean> {
  return inTransaction(db.sequelize, async () => {
    const rules = await listRules(db);
    const from = rules.findIndex((r) => r.id === id);
    const to = direction === 'up' ? from - 1 : from + 1;
    if (from < 0 || to < 0 || to >= rules.length) return false;
    const known = rules.map((r) => ({ id: r.id, position: r.position }));
    [rules[from], rules[to]] = [rules[to]!, rules[from]!];
    await renumber(db, rules.map((r) => r.id), known);
    await audit(db, { actor, action: 'triage.rule_moved', target: id, details: { direction, order: rules.map((r) => r.id) } });
    return true;
  });
}

export async function removeRule(db: Db, id: string, actor: string): Promise<boolean> {
  return inTransaction(db.sequelize, async () => {
    const before = await getRule(db, id);
    if (!before || !(await deleteRule(db, id))) return false;
    await audit(db, { actor, action: 'triage.rule_deleted', target: id, details: { before } });
    return true;
  });
}

/** The agencies a rule may route to, for the form's select. */
export async function agencyChoices(db: Db): Promise<{ code: string; name: string }[]> {
  const rows = await db.models.Agency.findAll({ attributes: ['code', 'name'], order: [['code', 'ASC']] });
  return rows.map((a) => ({ code: a.code, name: a.name }));
}
