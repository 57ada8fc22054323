// When the law lets a resolution deadline grow, and to what. Pure: extension.ts loads the clock and calendar.
// - Khiếu nại (Luật Khiếu nại 2011 Art. 28): a complex case is resolved within 45 days instead of 30, counted
//   from the same start (acceptance); marked once.
// - Tố cáo (Luật Tố cáo 2018 Art. 30): a complex case may be extended once by up to 30 days, an especially
//   complex one twice (90 days at most); each extension is decided in writing, so it needs a reason.
// Both are decided before the deadline passes and only once the resolution clock runs (after thụ lý).
import type { TicketSlaAttrs } from '../../db/models/sla.js';
import { TICKET_CLASSES } from '../org/index.js';
import { addPeriod } from './deadline.js';
import type { Period, WorkCalendar } from './types.js';

export const COMPLAINT_CLASS = 'khieu_nai';
export const DENUNCIATION_CLASS = 'to_cao';
export const DENUNCIATION_EXTENSION: Period = { amount: 30, unit: 'calendar_days' };
export const MAX_DENUNCIATION_EXTENSIONS = 2;
/** Luật Khiếu nại Art. 28: 45 days for a complex first-time complaint (TICKET_CLASSES keeps the figure). */
export const COMPLEX_COMPLAINT: Period = TICKET_CLASSES.find((c) => c.code === COMPLAINT_CLASS)!.complexResolution!;

export type ExtensionKind = 'complex' | 'extend';
export type ExtensionRefusal = 'wrong_class' | 'not_accepted' | 'already_complex' | 'max_extensions' | 'past_due'
  | 'not_longer' | 'no_reason';

type Clock = Pick<TicketSlaAttrs, 'policy_class' | 'first_response_at' | 'resolved_at' | 'resolution_due' | 'complex' | 'extensions' | 'read_only'>;

/** Why `kind` is refused for this clock at `at` (null: allowed). resolved/read-only are the clock's own errors. */
export function extensionRefusal(kind: ExtensionKind, clock: Clock, at: Date, reason: string): ExtensionRefusal | null {
  const wanted = kind === 'complex' ? COMPLAINT_CLASS : DENUNCIATION_CLASS;
  if (clock.policy_class !== wanted) return 'wrong_class';
  if (!reason.trim()) return 'no_reason';
  if (!clock.first_response_at) return 'not_accepted';
  if (kind === 'complex' && clock.complex) return 'already_complex';
  if (kind === 'extend' && clock.extensions >= MAX_DENUNCIATION_EXTENSIONS) return 'max_extensions';
  if (clock.resolution_due && at.getTime() > clock.resolution_due.getTime()) return 'past_due';
  return null;
}

/** The complex complaint's deadline: 45 days from the resolution start (already moved by any pause). */
export function complexComplaintDue(resolutionStart: Date, cal: WorkCalendar): Date {
  return addPeriod(resolutionStart, COMPLEX_COMPLAINT, cal);
}

/** A denunciation extension: 30 days counted from the current deadline, as a new period from that day. */
export function extendedDenunciationDue(currentDue: Date, cal: WorkCalendar): Date {
  return addPeriod(currentDue, DENUNCIATION_EXTENSION, cal);
}

/** What the ticket page offers: which button shows, and how many extensions are left. */
export function extensionOptions(clock: Clock | null, at: Date): { kind: ExtensionKind | null; complex: boolean; extensions: number;
  max: number; allowed: boolean } {
  const kind = clock?.policy_class === COMPLAINT_CLASS ? 'complex' : clock?.policy_class === DENUNCIATION_CLASS ? 'extend' : null;
  if (!clock || !kind) return { kind: null, complex: false, extensions: 0, max: MAX_DENUNCIATION_EXTENSIONS, allowed: false };
  const allowed = !clock.resolved_at && !clock.read_only && extensionRefusal(kind, clock, at, 'x') === null;
  return { kind, complex: Boolean(clock.complex), extensions: clock.extensions ?? 0, max: MAX_DENUNCIATION_EXTENSIONS, allowed };
}
