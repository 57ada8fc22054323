/**
 * Auto-assignment of a new ticket to one agent of an agency (or of a rule's team). Pure and deterministic:
 * the ticket service reads the agents and the state in its transaction, calls this, then writes the
 * assignment and the new state in the same transaction, so two workers cannot both "win" the same turn.
 */

export type AssignmentStrategy = 'round_robin' | 'least_open';

export interface AssignableAgent {
  id: string | number;
  /** Inactive agents (on leave, suspended, moved) never get new tickets. */
  active: boolean;
  /** Tickets assigned to the agent and not closed. */
  openCount: number;
  lastAssignedAt: Date | null;
}

export interface AssignmentState {
  /** The agent the previous round-robin turn went to (store the picked id after each turn); null at first. */
  lastAssigneeId: string | number | null;
}

/**
 * round_robin: the first active agent whose id comes after `state.lastAssigneeId`, wrapping to the smallest
 * id. Compared by id, not list index, so an agent who left or joined does not skip or repeat anyone's turn.
 * least_open: the fewest open tickets; ties go to the agent assigned longest ago (never assigned first),
 * then to the smallest id.
 * Returns null when no agent is active.
 */
export function pickAssignee<A extends AssignableAgent>(
  strategy: AssignmentStrategy,
  agents: readonly A[],
  state: AssignmentState = { lastAssigneeId: null },
): A | null {
  const active = agents.filter((a) => a.active).sort((a, b) => compareIds(a.id, b.id));
  if (active.length === 0) return null;
  if (strategy === 'round_robin') {
    const last = state.lastAssigneeId;
    if (last === null) return active[0]!;
    return active.find((a) => compareIds(a.id, last) > 0) ?? active[0]!;
  }
  return active.reduce((best, a) => (compareLoad(a, best) < 0 ? a : best));
}

function compareLoad(a: AssignableAgent, b: AssignableAgent): number {
  if (a.openCount !== b.openCount) return a.openCount - b.openCount;
  const at = a.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const bt = b.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (at !== bt) return at < bt ? -1 : 1;
  return compareIds(a.id, b.id);
}

/** Numbers numerically, strings by code unit (not locale, which differs between machines), numbers first. */
export function compareIds(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
