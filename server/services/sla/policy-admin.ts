// The admin's SLA grid: every (class, priority) pair with its targets, whether stored or the class's legal
// default, and a grid save that writes and audits only the cells that changed. Running clocks keep their
// deadlines (policy-store.ts); the next ticket uses the new targets. resolutionFrom is the law's, not the form's.
import type { Db } from '../../db/index.js';
import { inTransaction } from '../../db/index.js';
import { audit } from '../audit/index.js';
import { TICKET_CLASSES } from '../org/index.js';
import { TRIAGE_PRIORITIES } from '../triage/index.js';
import { defaultPolicy, listPolicies, savePolicy, type SlaPolicy } from './policy-store.js';
import type { Period } from './types.js';

export interface PolicyCell {
  class: string;
  priority: string;
  firstResponse: Period;
  resolution: Period;
}

/** Classes × priorities in display order; a pair without a row shows its default. */
export async function policyGrid(db: Db): Promise<SlaPolicy[]> {
  const stored = new Map((await listPolicies(db)).map((p) => [`${p.class}:${p.priority}`, p]));
  return TICKET_CLASSES.flatMap((c) => TRIAGE_PRIORITIES.map((p) => stored.get(`${c.code}:${p}`) ?? defaultPolicy(c.code, p)));
}

const samePeriod = (a: Period, b: Period) => a.amount === b.amount && a.unit === b.unit;

/** Saves the changed cells in one transaction (PolicyInputError names a bad one); returns how many changed. */
export async function savePolicyGrid(db: Db, cells: readonly PolicyCell[], actor: string): Promise<number> {
  return inTransaction(db.sequelize, async () => {
    const current = new Map((await policyGrid(db)).map((p) => [`${p.class}:${p.priority}`, p]));
    let changed = 0;
    for (const cell of cells) {
      const before = current.get(`${cell.class}:${cell.priority}`);
      if (!before) continue; // a pair outside the grid: not ours to create
      if (samePeriod(before.firstResponse, cell.firstResponse) && samePeriod(before.resolution, cell.resolution)) continue;
      const after = await savePolicy(db, { ...before, firstResponse: cell.firstResponse, resolution: cell.resolution });
      await audit(db, { actor, action: 'sla.policy_changed', target: `${cell.class}:${cell.priority}`,
        details: { before: { firstResponse: before.firstResponse, resolution: before.resolution }, after: { firstResponse: after.firstResponse, resolution: after.resolution } } });
      changed++;
    }
    return changed;
  });
}
