// The ticket page's SLA panel: the deadline, the working time left on the agency's calendar, every pause with its
// reason and length, the legal extensions and the acceptance (thụ lý). Pure: the clock row, the ticket's events
// and the calendar are loaded by detail.ts; working time is the sla service's own arithmetic.
import type { TicketSlaAttrs } from '../../db/models/sla.js';
import type { WorkCalendar } from '../sla/index.js';
import { runningState, timeLeft, type TimeLeft } from './sla-state.js';

export type SlaState = 'on_time' | 'at_risk' | 'overdue' | 'paused' | 'resolved';

export interface SlaPanel {
  state: SlaState;
  deadline: Date | null;
  firstResponseDue: Date | null;
  /** thụ lý or the first reply: when the acceptance-based clock started */
  acceptedAt: Date | null;
  resolvedAt: Date | null;
  /** time until the deadline (negative once overdue); while paused, as it stood at the pause; null once resolved */
  left: TimeLeft | null;
  pausedMinutes: number;
  pauses: { reason: string; note: string | null; by: string | null; from: Date; to: Date | null; workingMinutes: number | null }[];
  extensions: { kind: string; at: Date; reason: string | null; by: string | null; due: Date | null }[];
}

interface EventLike { kind: string; at: Date; details: Record<string, unknown> }
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const date = (v: unknown): Date | null => (v ? new Date(String(v)) : null);

export function slaPanel(clock: TicketSlaAttrs, events: readonly EventLike[], cal: WorkCalendar, now: Date): SlaPanel {
  const deadline = clock.resolution_due;
  const counted = clock.paused_at ?? clock.resolved_at ?? now;
  const left = deadline ? timeLeft(counted, deadline, cal) : null;
  const state: SlaState = clock.resolved_at ? 'resolved' : clock.paused_at ? 'paused' : deadline ? runningState(deadline, now, cal) : 'on_time';
  const pauses: SlaPanel['pauses'] = [];
  for (const e of events) {
    if (e.kind === 'pause') {
      pauses.push({ reason: String(e.details.reason ?? ''), note: str(e.details.note), by: str(e.details.actor), from: e.at, to: null, workingMinutes: null });
    } else if (e.kind === 'resume') {
      const open = pauses.at(-1);
      if (open && !open.to) Object.assign(open, { to: e.at, workingMinutes: Math.round(Number(e.details.workingMinutes ?? 0)) });
    }
  }
  const extensions = events.filter((e) => e.kind === 'sla_complex' || e.kind === 'sla_extended')
    .map((e) => ({ kind: e.kind, at: e.at, reason: str(e.details.reason), by: str(e.details.actor), due: date(e.details.resolutionDue) }));
  return { state, deadline, firstResponseDue: clock.first_response_due, acceptedAt: clock.first_response_at, resolvedAt: clock.resolved_at,
    left: clock.resolved_at ? null : left, pausedMinutes: clock.paused_minutes, pauses, extensions };
}
