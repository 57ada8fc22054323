// Triage rules in the database (seeded from DEFAULT_TRIAGE_RULES by migration 0006). Every write goes through
// validateRule, so a rule read back is always well-formed; the form gets {field, message} errors.
import type { Db } from '../../db/index.js';
import type { TriageRuleRowAttrs } from '../../db/models/sla.js';
import { orderRules } from './rules.js';
import { validateRule, type RuleValidation, type TriageRule } from './rule-schema.js';

function fromRow(r: TriageRuleRowAttrs): TriageRule {
  return { id: r.rule_key, name: r.name, position: r.position, enabled: Boolean(r.enabled),
    conditions: JSON.parse(r.conditions) as TriageRule['conditions'], actions: JSON.parse(r.actions) as TriageRule['actions'] };
}

/** All rules in the order they are applied (position, then id). */
export async function listRules(db: Db): Promise<TriageRule[]> {
  const rows = await db.models.TriageRuleRow.findAll();
  return orderRules(rows.map((r) => fromRow(r.get({ plain: true }) as TriageRuleRowAttrs)));
}

export async function getRule(db: Db, id: string): Promise<TriageRule | null> {
  const row = await db.models.TriageRuleRow.findOne({ where: { rule_key: id } });
  return row ? fromRow(row.get({ plain: true }) as TriageRuleRowAttrs) : null;
}

/** Creates or replaces the rule with this id; nothing is written when validation fails. */
export async function saveRule(db: Db, input: unknown): Promise<RuleValidation> {
  const checked = validateRule(input);
  if (!checked.ok) return checked;
  const r = checked.rule;
  const values = { name: r.name, position: r.position, enabled: r.enabled, conditions: JSON.stringify(r.conditions), actions: JSON.stringify(r.actions) };
  const existing = await db.models.TriageRuleRow.findOne({ where: { rule_key: r.id } });
  if (existing) await existing.update(values);
  else await db.models.TriageRuleRow.create({ rule_key: r.id, ...values });
  return checked;
}

export async function deleteRule(db: Db, id: string): Promise<boolean> {
  return (await db.models.TriageRuleRow.destroy({ where: { rule_key: id } })) > 0;
}
