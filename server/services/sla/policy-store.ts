// SLA policies per (ticket class, priority), as admins set them. A pair missing from the table falls back to
// the class's legal default in TICKET_CLASSES, so a new priority or class never leaves a ticket without a clock.
import type { Db } from '../../db/index.js';
import type { SlaPolicyAttrs } from '../../db/models/sla.js';
import { TICKET_CLASSES } from '../org/index.js';
import type { Period, PeriodUnit } from './types.js';

export interface SlaPolicy {
  class: string;
  priority: string;
  firstResponse: Period;
  resolution: Period;
  resolutionFrom: 'receipt' | 'acceptance';
}

const UNITS: readonly PeriodUnit[] = ['working_hours', 'working_days', 'calendar_days'];

export class PolicyInputError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
    this.name = 'PolicyInputError';
  }
}

function fromRow(r: SlaPolicyAttrs): SlaPolicy {
  return {
    class: r.class, priority: r.priority, resolutionFrom: r.resolution_from,
    firstResponse: { amount: r.first_response_amount, unit: r.first_response_unit },
    resolution: { amount: r.resolution_amount, unit: r.resolution_unit },
  };
}

/** The class default (TICKET_CLASSES), or the feedback class's when the class is unknown. */
export function defaultPolicy(cls: string, priority: string): SlaPolicy {
  const c = TICKET_CLASSES.find((x) => x.code === cls) ?? TICKET_CLASSES[0]!;
  return { class: c.code, priority, firstResponse: c.firstResponse, resolution: c.resolution, resolutionFrom: c.resolutionFrom };
}

export async function policyFor(db: Db, cls: string, priority: string): Promise<SlaPolicy> {
  const row = await db.models.SlaPolicy.findOne({ where: { class: cls, priority } });
  return row ? fromRow(row.get({ plain: true }) as SlaPolicyAttrs) : defaultPolicy(cls, priority);
}

export async function listPolicies(db: Db): Promise<SlaPolicy[]> {
  const rows = await db.models.SlaPolicy.findAll({ order: [['class', 'ASC'], ['priority', 'ASC']] });
  return rows.map((r) => fromRow(r.get({ plain: true }) as SlaPolicyAttrs));
}

function checkPeriod(p: Period, field: string): void {
  if (!UNITS.includes(p.unit)) throw new PolicyInputError(`${field}.unit`, `must be one of ${UNITS.join(', ')}`);
  if (!Number.isInteger(p.amount) || p.amount < 1) throw new PolicyInputError(`${field}.amount`, 'must be a whole number ≥ 1');
}

/** Creates or replaces one (class, priority) policy. Running clocks keep their deadlines; new tickets use it. */
export async function savePolicy(db: Db, p: SlaPolicy): Promise<SlaPolicy> {
  if (!TICKET_CLASSES.some((c) => c.code === p.class)) throw new PolicyInputError('class', `unknown class ${p.class}`);
  checkPeriod(p.firstResponse, 'firstResponse');
  checkPeriod(p.resolution, 'resolution');
  const values = {
    first_response_amount: p.firstResponse.amount, first_response_unit: p.firstResponse.unit,
    resolution_amount: p.resolution.amount, resolution_unit: p.resolution.unit, resolution_from: p.resolutionFrom,
  };
  const existing = await db.models.SlaPolicy.findOne({ where: { class: p.class, priority: p.priority } });
  if (existing) await existing.update(values);
  else await db.models.SlaPolicy.create({ class: p.class, priority: p.priority, ...values });
  return p;
}
