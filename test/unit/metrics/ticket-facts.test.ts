import { expect } from 'chai';
import * as sla from '../../../server/services/sla/index.js';
import { createCalendar } from '../../../server/services/sla/index.js';
import { ticketFacts, type MetricsEvent, type MetricsTicket } from '../../../server/services/metrics/ticket-facts.js';
import { memoWorkingMinutes } from '../../../server/services/metrics/working-time.js';

const cal = memoWorkingMinutes(createCalendar(), sla);
const at = (local: string) => new Date(`${local}+07:00`);
const ticket = (received: string, due: string | null = null): MetricsTicket => ({
  id: 1, ref: 'STC-2026-000001', agencyId: 1, category: null, receivedAt: at(received), dueAt: due ? at(due) : null,
});
const reply = (when: string): MetricsEvent => ({ kind: 'reply', at: at(when), details: null });
const status = (when: string, from: string, to: string): MetricsEvent => ({ kind: 'status', at: at(when), details: JSON.stringify({ from, to }) });
const pause = (when: string, kind: 'pause' | 'resume'): MetricsEvent => ({ kind, at: at(when), details: '{"reason":"waiting for the citizen"}' });
const NOW = at('2026-06-01T12:00:00');

describe('metrics ticket facts: working-hour durations', () => {
  const cases: [string, string, string, number][] = [
    ['counts only office minutes within one day (lunch 11:30–13:30 excluded)', '2026-03-10T11:00:00', '2026-03-10T14:00:00', 60],
    ['skips the weekend: Friday 16:30 → Monday 08:00 is one working hour', '2026-03-06T16:30:00', '2026-03-09T08:00:00', 60],
    ['starts a Saturday receipt at Monday opening', '2026-03-07T10:00:00', '2026-03-09T09:30:00', 120],
    ['skips Tết 2026 (14–22 Feb off): Friday 13/2 16:00 → Monday 23/2 08:30 is two working hours', '2026-02-13T16:00:00', '2026-02-23T08:30:00', 120],
    ['starts an evening receipt at the next opening', '2026-03-10T19:00:00', '2026-03-11T08:00:00', 30],
  ];
  for (const [name, received, replied, minutes] of cases) {
    it(name, () => {
      const f = ticketFacts(ticket(received), [reply(replied)], NOW, cal);
      expect(f.firstResponseMinutes).to.equal(minutes);
    });
  }

  it('leaves paused working time out of the resolution time', () => {
    const f = ticketFacts(ticket('2026-03-10T08:00:00'), [
      pause('2026-03-10T09:00:00', 'pause'), pause('2026-03-11T09:00:00', 'resume'), status('2026-03-11T10:00:00', 'open', 'closed'),
    ], NOW, cal);
    // Active: 08:00–09:00 on the 10th and 09:00–10:00 on the 11th; the paused 7.5 office hours between do not count.
    expect(f.resolutionMinutes).to.equal(120);
  });
});

describe('metrics ticket facts: on time, late and open', () => {
  const due = '2026-03-20T17:00:00';
  const cases: [string, MetricsEvent[], string][] = [
    ['resolved before due_at is on time', [status('2026-03-19T10:00:00', 'open', 'resolved')], 'on_time'],
    ['resolved exactly at due_at is on time', [status(due, 'open', 'closed')], 'on_time'],
    ['resolved after due_at is late', [status('2026-03-23T08:00:00', 'open', 'closed')], 'late'],
    ['open past due_at is late (overdue)', [reply('2026-03-12T09:00:00')], 'open_overdue'],
    ['a status event to a non-final status does not resolve', [status('2026-03-12T09:00:00', 'new', 'open')], 'open_overdue'],
    ['reopened after resolution is open again', [status('2026-03-12T09:00:00', 'open', 'resolved'), status('2026-03-13T09:00:00', 'resolved', 'open')], 'open_overdue'],
    ['resolved → closed counts from the resolution, not the closing', [status('2026-03-19T09:00:00', 'open', 'resolved'), status('2026-03-25T09:00:00', 'resolved', 'closed')], 'on_time'],
    ["the SLA clock's 'resolved' event resolves", [{ kind: 'resolved', at: at('2026-03-19T10:00:00'), details: '{"onTime":true}' }], 'on_time'],
    ['a referral hands the ticket to another agency: neither resolved nor open', [{ kind: 'referral', at: at('2026-03-11T10:00:00'), details: '{"to":"SXD"}' }], 'referred'],
    ['unreadable details are ignored, not fatal', [{ kind: 'status', at: at('2026-03-12T09:00:00'), details: 'closed by phone' }], 'open_overdue'],
  ];
  for (const [name, events, outcome] of cases) {
    it(name, () => expect(ticketFacts(ticket('2026-03-10T08:00:00', due), events, NOW, cal).outcome).to.equal(outcome));
  }

  it('is open and not late before due_at', () => {
    expect(ticketFacts(ticket('2026-03-10T08:00:00', due), [], at('2026-03-20T16:59:00'), cal).outcome).to.equal('open_in_time');
  });

  it('ignores events after the as-of instant', () => {
    const f = ticketFacts(ticket('2026-03-10T08:00:00', due), [reply('2026-03-11T08:00:00'), status('2026-03-12T08:00:00', 'open', 'closed')], at('2026-03-11T12:00:00'), cal);
    expect(f.firstResponseAt?.toISOString()).to.equal(at('2026-03-11T08:00:00').toISOString());
    expect(f.resolvedAt).to.equal(null);
    expect(f.outcome).to.equal('open_in_time');
  });

  it('takes the earliest reply (or acceptance notice) as the first response', () => {
    const f = ticketFacts(ticket('2026-03-10T08:00:00'), [reply('2026-03-10T09:00:00'), reply('2026-03-10T10:00:00')], NOW, cal);
    expect(f.firstResponseMinutes).to.equal(60);
    const accepted = ticketFacts(ticket('2026-03-10T08:00:00'), [{ kind: 'first_response', at: at('2026-03-10T08:30:00'), details: null }, reply('2026-03-10T10:00:00')], NOW, cal);
    expect(accepted.firstResponseMinutes).to.equal(30);
  });

  it('treats a ticket with no due_at as never late', () => {
    expect(ticketFacts(ticket('2026-03-10T08:00:00'), [], NOW, cal).outcome).to.equal('open_in_time');
  });
});
