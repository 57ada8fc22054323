// Which reminder and escalation steps a running clock has, and when each fires. Pure: tick.ts compares these
// instants with "now" and sends each step once. Step ids are stable; they key sla_notifications and the outbox.
import type { TicketSlaAttrs } from '../../db/models/sla.js';
import { DEFAULT_LADDER, ladderInstants, type LadderStep } from './reminder-ladder.js';
import type { WorkCalendar } from './types.js';

export const ESCALATION_STEP = 'escalation';
export const FIRST_RESPONSE_STEP = 'first_response_due';

export interface SlaStep {
  id: string;
  kind: 'reminder' | 'escalation';
  at: Date;
}

type Clock = Pick<TicketSlaAttrs, 'resolution_start' | 'resolution_due' | 'first_response_due' | 'first_response_at'>;

/**
 * Steps of a running (not paused, not resolved) clock:
 * - first_response_due: a reminder at the acceptance deadline, while nobody has responded;
 * - the resolution ladder (50 %, 80 %, due, overdue + 1 working day) to the assignee;
 * - escalation at the resolution deadline (the breach) to the agency's supervisors or leaders.
 * `awaitingAcceptance`: the resolution clock of complaints/denunciations has not started, so its ladder waits.
 */
export function slaSteps(clock: Clock, cal: WorkCalendar, opts: { awaitingAcceptance?: boolean; ladder?: readonly LadderStep[] } = {}): SlaStep[] {
  const steps: SlaStep[] = [];
  if (!clock.first_response_at && clock.first_response_due) {
    steps.push({ id: FIRST_RESPONSE_STEP, kind: 'reminder', at: clock.first_response_due });
  }
  if (clock.resolution_due && !opts.awaitingAcceptance) {
    for (const f of ladderInstants(clock.resolution_start, clock.resolution_due, cal, opts.ladder ?? DEFAULT_LADDER)) {
      steps.push({ id: f.id, kind: 'reminder', at: f.at });
    }
    steps.push({ id: ESCALATION_STEP, kind: 'escalation', at: clock.resolution_due });
  }
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime());
}
