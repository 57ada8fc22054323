// Migrations 0012, 0017 and 0027 swap one seed of triage rules for the next where no admin touched it, on both databases.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { emptyDb, testDbKinds, type TestDb } from '../../support/databases.js';
import { migrateDown, migrateUp } from '../../../server/db/migrate.js';
import { TRIAGE_RULES_0006 } from '../../../server/db/migrations/frozen/triage-rules-0006.js';
import { TRIAGE_RULES_0012 } from '../../../server/db/migrations/frozen/triage-rules-0012.js';
import { TRIAGE_RULES_0017 } from '../../../server/db/migrations/frozen/triage-rules-0017.js';
import { TRIAGE_RULES_0027 } from '../../../server/db/migrations/frozen/triage-rules-0027.js';
import type { FrozenTriageRule } from '../../../server/db/migrations/frozen/frozen-triage-rule.js';
import { listRules } from '../../../server/services/triage/rule-store.js';
import { validateRule } from '../../../server/services/triage/rule-schema.js';

type Stored = { id: string; name: string; position: number; enabled: boolean; conditions: unknown; actions: unknown };

async function stored(db: TestDb): Promise<Map<string, Stored>> {
  return new Map((await listRules(db)).map((r) => [r.id, r]));
}
const asStored = (r: FrozenTriageRule): Stored => ({ id: r.id, name: r.name, position: r.position, enabled: r.enabled, conditions: r.conditions, actions: r.actions });
const sortById = (rules: Iterable<Stored>) => [...rules].sort((a, b) => (a.id < b.id ? -1 : 1));

// Each seed migration, with the seed it replaces and the seed it writes.
const STEPS = [
  { migration: '0012-triage-seed-2', from: TRIAGE_RULES_0006, to: TRIAGE_RULES_0012 },
  { migration: '0017-triage-seed-3', from: TRIAGE_RULES_0012, to: TRIAGE_RULES_0017 },
  { migration: '0027-triage-seed-4', from: TRIAGE_RULES_0017, to: TRIAGE_RULES_0027 },
];

for (const kind of testDbKinds()) for (const { migration, from, to } of STEPS) {
  describe(`migration ${migration}, a new triage seed [${kind}]`, function () {
    this.timeout(120_000);
    let db: TestDb;
    before(async () => {
      db = await emptyDb(kind);
      await migrateUp(db.sequelize, { to: migration });
    });
    after(async () => db.destroy());

    it('leaves a new database with exactly its seed, every rule valid', async () => {
      expect(sortById((await stored(db)).values())).to.deep.equal(sortById(to.map(asStored)));
      for (const r of to) expect(validateRule(r).ok, r.id).to.equal(true);
    });

    it('goes down to exactly the seed before', async () => {
      expect(await migrateDown(db.sequelize, migration)).to.deep.equal([migration]);
      expect(sortById((await stored(db)).values())).to.deep.equal(sortById(from.map(asStored)));
    });

    it('replaces only the earlier seed\'s rules no admin touched, keeping edits, deletions and the admin\'s own rules', async () => {
      const q = (sql: string, replacements: Record<string, unknown>) => db.sequelize.query(sql, { replacements, type: QueryTypes.UPDATE });
      const edited = { in: 'both', keywordsAny: ['y tế', 'bệnh viện', 'trạm xá'] };
      await q('UPDATE triage_rules SET conditions = :c WHERE rule_key = :k', { c: JSON.stringify(edited), k: 'seed-y-te' });
      await q('UPDATE triage_rules SET enabled = :off WHERE rule_key = :k', { off: false, k: 'seed-giao-duc' });
      await q('UPDATE triage_rules SET position = 990 WHERE rule_key = :k', { k: 'seed-dat-dai' }); // moved only: still the seed's
      await db.sequelize.query("DELETE FROM triage_rules WHERE rule_key = 'seed-van-hoa-du-lich'");
      // stored with its keys in another order than the seed wrote them: still untouched
      const khieuNai = from.find((r) => r.id === 'seed-khieu-nai')!;
      await q('UPDATE triage_rules SET actions = :a, conditions = :c WHERE rule_key = :k', { k: khieuNai.id,
        a: JSON.stringify(khieuNai.actions), c: JSON.stringify(Object.fromEntries(Object.entries(khieuNai.conditions).reverse())) });
      await db.models.TriageRuleRow.create({ rule_key: 'cay-xanh', name: 'Cây xanh → Sở Xây dựng', position: 260, enabled: true,
        conditions: JSON.stringify({ in: 'both', keywordsAny: ['cây xanh'] }), actions: JSON.stringify({ agencyCode: 'SXD' }) });

      expect(await migrateUp(db.sequelize, { to: migration })).to.deep.equal([migration]);
      const rules = await stored(db);
      expect(rules.get('seed-y-te')!.conditions).to.deep.equal(edited);
      expect(rules.get('seed-giao-duc')).to.include({ enabled: false });
      expect(rules.get('seed-giao-duc')!.conditions).to.deep.equal(from.find((r) => r.id === 'seed-giao-duc')!.conditions);
      expect(rules.has('seed-van-hoa-du-lich')).to.equal(false);
      expect(rules.get('cay-xanh')).to.include({ position: 260, name: 'Cây xanh → Sở Xây dựng' });
      const kept = new Set(['seed-y-te', 'seed-giao-duc', 'seed-van-hoa-du-lich', 'cay-xanh']);
      for (const r of to.filter((n) => !kept.has(n.id))) expect(rules.get(r.id), r.id).to.deep.equal(asStored(r));
      for (const r of from.filter((o) => !kept.has(o.id) && !to.some((n) => n.id === o.id))) {
        expect(rules.has(r.id), `${r.id} (earlier seed only)`).to.equal(false);
      }
      // the new seed, with y-te and giao-duc in their edited form, van-hoa-du-lich not re-added, and cay-xanh
      expect(rules.size).to.equal(to.length - 1 + 1);
    });
  });
}
