import { expect } from 'chai';
import { collapseRepeats } from '../../../server/web/presenters/timeline-runs.js';

const at = (minute: number) => new Date(Date.UTC(2026, 9, 5, 2, minute));
const ev = (kind: string, minute: number, by: string | null = null) => ({ kind, at: at(minute), by, details: {} });

describe('ticket timeline: repeated SLA notices', () => {
  it('shows a run of the same notice as one line with its count and last time, keeping the order of everything else', () => {
    const lines = collapseRepeats([ev('created', 0), ev('reminder', 1), ev('reminder', 2), ev('reminder', 3), ev('escalation', 3),
      ev('reminder', 4), ev('note', 5, 'an'), ev('reminder', 6), ev('reminder', 7)]);
    expect(lines.map((l) => [l.kind, l.count, l.at.getUTCMinutes(), l.lastAt?.getUTCMinutes() ?? null])).to.deep.equal([
      ['created', 1, 0, null], ['reminder', 3, 1, 3], ['escalation', 1, 3, null], ['reminder', 1, 4, null], ['note', 1, 5, null],
      ['reminder', 2, 6, 7]]);
  });

  it('merges unreached notices and escalations as well, but never what people did', () => {
    const lines = collapseRepeats([ev('reminder_unreached', 1), ev('reminder_unreached', 2), ev('escalation', 3), ev('escalation', 4),
      ev('note', 5, 'an'), ev('note', 6, 'an'), ev('status', 7, 'an'), ev('status', 8, 'an')]);
    expect(lines.map((l) => [l.kind, l.count])).to.deep.equal([['reminder_unreached', 2], ['escalation', 2], ['note', 1], ['note', 1],
      ['status', 1], ['status', 1]]);
  });

  it('keeps the events it was given unchanged', () => {
    const events = [ev('reminder', 1), ev('reminder', 2)];
    collapseRepeats(events);
    expect(events[0]).to.not.have.property('count');
  });
});
