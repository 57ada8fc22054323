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

type Clock = Pick<TicketSlaAttrs, 'resolution_start' | 'resolution_due' | 'first_response_due' | 'first_response_at'>
  & Partial<Pick<TicketSlaAttrs, 'extensions' | 'ladder_start'>>;

/**
 * The id of a resolution step after `extensions` extensions: "reminder_50", then "reminder_50@x1", … Each
 * extension gets a fresh ladder and escalation (new ids, so sla_notifications lets them fire once more).
 */
export function extendedStepId(base: string, extensions = 0): string {
  return extensions > 0 ? `${base}@x${extensions}` : base;
}

/** "reminder_50@x1" → "reminder_50": the step's meaning, for its mail text. */
export const baseStepId = (id: string): string => id.replace(/@x\d+$/, '');

/**
 * Steps of a running (not paused, not resolved) clock:
 * - first_response_due: a reminder at the acceptance deadline, while nobody has responded;
 * - the resolution ladder (50 %, 80 %, due, overdue + 1 working day) to the assignee;
 * - escalation at the resolution deadline (the breach) to the agency's supervisors or leaders.
 * After n extensions the resolution steps carry "@x<n>" and count from `ladder_start` (extension.ts).
 * `awaitingAcceptance`: the resolution clock of complaints/denunciations has not started, so its ladder waits.
 */
export function slaSteps(clock: Clock, cal: WorkCalendar, opts: { awaitingAcceptance?: boolean; ladder?: readonly LadderStep[] } = {}): SlaStep[] {
  const steps: SlaStep[] = [];
  if (!clock.first_response_at && clock.first_response_due) {
    steps.push({ id: FIRST_RESPONSE_STEP, kind: 'reminder', at: clock.first_response_due });
  }
  if (clock.resolution_due && !opts.awaitingAcceptance) {
    // After a denunciation extension the ladder spans the extension (previous due → new due), under new ids.
    const n = clock.extensions ?? 0;
    const start = clock.ladder_start ?? clock.resolution_start;
    for (const f of ladderInstants(start, clock.resolution_due, cal, opts.ladder ?? DEFAULT_LADDER)) {
      steps.push({ id: extendedStepId(f.id, n), kind: 'reminder', at: f.at });
    }
    steps.push({ id: extendedStepId(ESCALATION_STEP, n), kind: 'escalation', at: clock.resolution_due });
  }
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime());
}
