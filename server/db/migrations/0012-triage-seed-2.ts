// The second seed of triage rules (frozen/triage-rules-0012.ts) replaces the first (frozen/triage-rules-0006.ts)
// where no admin touched it. What an admin would expect:
// - a seed rule still exactly as seeded (name, on/off, conditions, actions; its position is ignored, since moving
//   any rule renumbers them all) is theirs only by default: it is replaced by the new seed;
// - a seed rule they edited or turned off stays as they left it, and the new seed rule of the same id is not added;
// - a seed rule they deleted stays deleted: the new seed rule of the same id is not added;
// - rules they wrote stay, at their positions; the new seed rules take theirs (10–670), so a rule written "at the
//   end" of the old seed now runs before the new body rules, where a specific rule belongs.
// Down does the same the other way. A database whose 0006 already seeded the new rules (0006 read the live seed
// until it was frozen) ends the same: those rows are kept, and nothing is added twice.
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Migration } from './context.js';
import type { FrozenTriageRule } from './frozen/frozen-triage-rule.js';
import { TRIAGE_RULES_0006 } from './frozen/triage-rules-0006.js';
import { TRIAGE_RULES_0012 } from './frozen/triage-rules-0012.js';

interface Row { rule_key: string; name: string; enabled: number | boolean | string; conditions: string; actions: string }

/** JSON with sorted keys, so two objects compare equal whatever order their keys were written in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const asSeeded = (row: Row, rule: FrozenTriageRule): boolean => row.name === rule.name && Boolean(Number(row.enabled)) === rule.enabled
  && canonical(JSON.parse(row.conditions)) === canonical(rule.conditions) && canonical(JSON.parse(row.actions)) === canonical(rule.actions);

export async function replaceSeed(sequelize: Sequelize, from: readonly FrozenTriageRule[], to: readonly FrozenTriageRule[]): Promise<void> {
  const rows = await sequelize.query<Row>('SELECT rule_key, name, enabled, conditions, actions FROM triage_rules', { type: QueryTypes.SELECT });
  const seeded = new Map(from.map((r) => [r.id, r]));
  const untouched = rows.filter((row) => seeded.has(row.rule_key) && asSeeded(row, seeded.get(row.rule_key)!)).map((row) => row.rule_key);
  const kept = new Set(rows.map((row) => row.rule_key).filter((key) => !untouched.includes(key)));
  const deletedByAdmin = new Set(from.map((r) => r.id).filter((id) => !rows.some((row) => row.rule_key === id)));
  if (untouched.length) await sequelize.query('DELETE FROM triage_rules WHERE rule_key IN (:keys)', { replacements: { keys: untouched } });
  const now = new Date();
  const added = to.filter((r) => !kept.has(r.id) && !deletedByAdmin.has(r.id)).map((r) => ({
    rule_key: r.id, name: r.name, position: r.position, enabled: r.enabled, conditions: JSON.stringify(r.conditions),
    actions: JSON.stringify(r.actions), created_at: now, updated_at: now,
  }));
  if (added.length) await sequelize.getQueryInterface().bulkInsert('triage_rules', added);
}

export const triageSeed2: Migration = {
  name: '0012-triage-seed-2',
  async up({ sequelize }) {
    await replaceSeed(sequelize, TRIAGE_RULES_0006, TRIAGE_RULES_0012);
  },
  async down({ sequelize }) {
    await replaceSeed(sequelize, TRIAGE_RULES_0012, TRIAGE_RULES_0006);
  },
};
