// The ticket page's timeline shows a run of automatic SLA notices as one line. A ticket left overdue, or one the
// ticker reached after an outage, collects "Nhắc hạn" after "Nhắc hạn" (the first-response step, 50 %, 80 %, due,
// overdue, and again after each extension), which pushes what people did off the card. A run is consecutive
// events of the same notice kind: anything else between them (a note, a reply, a status change) ends it, so
// the order of what happened is never changed, only repeated lines merged. Pure: the stored events stay one
// row per step (sla_notifications and the events table are the record; this is only how they are read).

/** Kinds written by the SLA ticker (sla/tick.ts), never by a person: only these repeat on their own. */
const REPEATING_KINDS = new Set(['reminder', 'escalation', 'reminder_unreached', 'escalation_unreached']);

export interface TimelineItem { kind: string; at: Date; by: string | null }

export type TimelineRun<T extends TimelineItem> = T & {
  /** how many events the line stands for (1 for every line that is not a run) */
  count: number;
  /** the last event's time, when the line stands for more than one */
  lastAt: Date | null;
};

export function collapseRepeats<T extends TimelineItem>(events: readonly T[]): TimelineRun<T>[] {
  const out: TimelineRun<T>[] = [];
  for (const e of events) {
    const prev = out.at(-1);
    if (prev && REPEATING_KINDS.has(e.kind) && prev.kind === e.kind && prev.by === e.by) {
      prev.count++;
      prev.lastAt = e.at;
    } else {
      out.push({ ...e, count: 1, lastAt: null });
    }
  }
  return out;
}
