// The SLA grid form: four inputs per (class, priority) cell, named "<class>.<priority>.<fr|res>_<amount|unit>".
// Pure: parses every cell (whole numbers 1–9999, one of the three units) and remembers what was typed, so an
// invalid grid re-renders as submitted with the bad cells marked.
import type { PeriodUnit, PolicyCell } from '../../services/sla/index.js';

export const PERIOD_UNITS: readonly PeriodUnit[] = ['working_hours', 'working_days', 'calendar_days'];
const MAX_AMOUNT = 9999;

export type Target = 'fr' | 'res';
export interface TypedCell { fr: { amount: string; unit: string }; res: { amount: string; unit: string } }
export interface ParsedGrid {
  cells: PolicyCell[];
  typed: Map<string, TypedCell>;
  /** "<class>:<priority>.<fr|res>" of every invalid target */
  invalid: Set<string>;
}

export const cellKey = (cls: string, priority: string) => `${cls}:${priority}`;

function field(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v.trim().slice(0, 20) : '';
}

function period(amount: string, unit: string): { amount: number; unit: PeriodUnit } | null {
  const n = /^\d{1,4}$/.test(amount) ? Number(amount) : NaN;
  if (!(n >= 1 && n <= MAX_AMOUNT) || !(PERIOD_UNITS as readonly string[]).includes(unit)) return null;
  return { amount: n, unit: unit as PeriodUnit };
}

export function parsePolicyGrid(body: Record<string, unknown>, pairs: readonly { class: string; priority: string }[]): ParsedGrid {
  const out: ParsedGrid = { cells: [], typed: new Map(), invalid: new Set() };
  for (const { class: cls, priority } of pairs) {
    const name = (t: Target, part: 'amount' | 'unit') => field(body, `${cls}.${priority}.${t}_${part}`);
    const typed: TypedCell = { fr: { amount: name('fr', 'amount'), unit: name('fr', 'unit') }, res: { amount: name('res', 'amount'), unit: name('res', 'unit') } };
    const key = cellKey(cls, priority);
    out.typed.set(key, typed);
    const fr = period(typed.fr.amount, typed.fr.unit);
    const res = period(typed.res.amount, typed.res.unit);
    if (!fr) out.invalid.add(`${key}.fr`);
    if (!res) out.invalid.add(`${key}.res`);
    if (fr && res) out.cells.push({ class: cls, priority, firstResponse: fr, resolution: res });
  }
  return out;
}
